/** Rocket.Chat's registration: its wire dialect, contracts and the entities whose changes make its events. */
import type { DialectModule } from '../../registry/dialect-module';
import { rocketChat } from './dialect';
import { rocketChatEvents } from './domain/events';
import { requestedInvitationEmail } from './domain/requested-email';
import { rocketChatRoutes } from './routes';
import { inviteLinkChange } from './store/entities/invite-link';
import { roomMemberChange } from './store/entities/rocketchat-room';

export const rocketChatModule: DialectModule = {
  dialect: rocketChat,
  routes: rocketChatRoutes,
  recognizers: [roomMemberChange, inviteLinkChange],
  eventRule: rocketChatEvents,
  emails: { 'Invitation Email Requested': requestedInvitationEmail() },
};
