/** QuranReflect's registration: its wire dialect, contracts and the entities whose changes make its events. */
import type { DialectModule } from '../../registry/dialect-module';
import { quranReflect } from './dialect';
import { quranReflectEvents } from './domain/events';
import { roomsInvitationEmail } from './domain/invitation-email';
import { quranReflectRoutes } from './routes';
import { groupMemberChange } from './store/entities/group';
import { invitationChange } from './store/entities/invitation';

export const quranReflectModule: DialectModule = {
  dialect: quranReflect,
  routes: quranReflectRoutes,
  recognizers: [groupMemberChange, invitationChange],
  eventRule: quranReflectEvents,
  emails: { 'Invitation Created': roomsInvitationEmail() },
};
