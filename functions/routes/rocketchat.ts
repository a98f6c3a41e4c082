/** Rocket.Chat: channels.invite, groups.invite and the invite links, limited per client IP (Rocket.Chat's default limiter). */
import { type Route, routeRows } from './route';

const route = /* @__PURE__ */ routeRows({
  dialect: 'rocketchat',
  rateLimit: { limit: 10, windowSeconds: 60, key: 'ip' },
  handlers: 'rocketchat',
});

export const rocketChatRoutes = (): Route[] => [
  route({
    id: 'rocketchat-channels-invite',
    method: 'POST',
    path: '/api/v1/channels.invite',
    handler: 'channels-invite',
    // The room name guard, the invite's batched read, the additions, the re-read of the room.
    tableAccess: ['GetItem', 'BatchGetItem', 'PutItem', 'Query'],
    summary: 'Rocket.Chat: add one or many users to a public channel',
    exampleBody: { roomId: '{{channelId}}', userIds: ['{{bobId}}'] },
  }),
  route({
    id: 'rocketchat-groups-invite',
    method: 'POST',
    path: '/api/v1/groups.invite',
    handler: 'groups-invite',
    tableAccess: ['GetItem', 'BatchGetItem', 'PutItem', 'Query'],
    summary: 'Rocket.Chat: add one or many users to a private group',
    exampleBody: { roomId: '{{privateGroupId}}', userIds: ['{{bobId}}'] },
  }),
  route({
    id: 'rocketchat-find-or-create-invite',
    method: 'POST',
    path: '/api/v1/findOrCreateInvite',
    handler: 'invites/find-or-create',
    tableAccess: ['GetItem', 'BatchGetItem', 'PutItem'],
    summary: 'Rocket.Chat: an invite link for a room (a live identical one is reused)',
    exampleBody: { rid: '{{channelId}}', days: 7, maxUses: 5 },
  }),
  route({
    id: 'rocketchat-list-invites',
    method: 'GET',
    path: '/api/v1/listInvites',
    handler: 'invites/list',
    tableAccess: ['Query'],
    summary: 'Rocket.Chat: every invite link (global create-invite-links)',
  }),
  route({
    id: 'rocketchat-remove-invite',
    method: 'DELETE',
    path: '/api/v1/removeInvite/{_id}',
    handler: 'invites/remove',
    tableAccess: ['DeleteItem'],
    summary: 'Rocket.Chat: delete an invite link',
    examplePath: '/api/v1/removeInvite/{{spareInviteLinkId}}',
  }),
  route({
    id: 'rocketchat-use-invite-token',
    method: 'POST',
    path: '/api/v1/useInviteToken',
    handler: 'invites/use-token',
    tableAccess: ['GetItem', 'PutItem', 'Query'],
    summary: 'Rocket.Chat: join the room of an invite link (a use is counted for new members)',
    exampleBody: { token: '{{inviteLinkId}}' },
    exampleCaller: 'bob',
  }),
  route({
    id: 'rocketchat-validate-invite-token',
    method: 'POST',
    path: '/api/v1/validateInviteToken',
    handler: 'invites/validate-token',
    tableAccess: ['GetItem', 'Query'],
    summary: 'Rocket.Chat: whether an invite link is valid (no login)',
    exampleBody: { token: '{{inviteLinkId}}' },
    anonymous: true,
  }),
  route({
    id: 'rocketchat-send-invitation-email',
    method: 'POST',
    path: '/api/v1/sendInvitationEmail',
    handler: 'invites/send-email',
    // Settings (BatchGetItem), the named link (GetItem), the day's quota (UpdateItem), the notes (one transaction).
    tableAccess: ['BatchGetItem', 'GetItem', 'UpdateItem', 'PutItem', 'Query'],
    summary:
      'Rocket.Chat: send invitation e-mails (one per distinct valid address; bulk-register-user; optional inviteId fills [Invite_URL])',
    exampleBody: { emails: ['newcomer@example.com'] },
  }),
  route({
    id: 'rocketchat-invite-page',
    method: 'GET',
    path: '/invite/{id}',
    handler: 'pages/invite-page',
    // The link (GetItem), its room (Query), who made it (GetItem).
    tableAccess: ['GetItem', 'Query'],
    summary: 'Rocket.Chat: the page a shared invite link opens (room, maker, expiry, uses left; no login)',
    examplePath: '/invite/{{inviteLinkId}}',
    anonymous: true,
    page: true,
  }),
  route({
    id: 'rocketchat-index-page',
    method: 'GET',
    path: '/',
    handler: 'pages/index-page',
    tableAccess: [],
    summary: 'An index page that links the docs (no login)',
    anonymous: true,
    page: true,
  }),
];
