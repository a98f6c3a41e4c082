/** QuranReflect: the Groups API's inviteUser, then the Rooms API that replaced it (rooms of type group are the Groups API's groups), limited per caller. */
import { quranReflect } from './dialect';
import { inviteUserInput, inviteUserInvalid, inviteUserReply } from './handlers/invite-user.schema';
import {
  adminsAccessInput,
  roomsReplies,
  createGroupInput,
  groupPath,
  inviteInput,
  inviteTokenInput,
  membersInput,
  privateLinkInput,
  removeMemberInput,
  roomPath,
} from './handlers/rooms.schema';
import { dialectRoute, type Route } from '../../routes/route';

const route = /* @__PURE__ */ dialectRoute(quranReflect, { rateLimit: { limit: 60, windowSeconds: 60, key: 'user' } });

export const groupsInviteUserRoute = /* @__PURE__ */ route({
  id: 'quranreflect-groups-invite-user',
  method: 'PUT',
  path: '/v1/groups/{groupId}/inviteUser',
  entry: 'functions/dialects/quranreflect/handlers/invite-user.ts',
  input: inviteUserInput,
  output: inviteUserReply,
  onInvalid: inviteUserInvalid,
  tableAccess: ['BatchGetItem', 'ConditionCheckItem', 'PutItem'],
  summary: 'QuranReflect: invite a user to a group by userId or e-mail',
  exampleBody: { email: 'newcomer@example.com' },
  makesInvitationTokens: true,
});
export const roomsCreateGroupRoute = /* @__PURE__ */ route({
  id: 'quranreflect-rooms-create-group',
  method: 'POST',
  path: '/v1/rooms/groups',
  entry: 'functions/dialects/quranreflect/handlers/rooms/create-group.ts',
  input: createGroupInput,
  output: roomsReplies.created,
  tableAccess: ['UpdateItem', 'PutItem'],
  summary: 'QuranReflect Rooms: create a group (the caller is its owner and an admin)',
  exampleBody: { name: 'Reading circle', url: 'reading-circle', description: 'Weekly reflections', public: false },
});
export const roomsGetRoute = /* @__PURE__ */ route({
  id: 'quranreflect-rooms-get',
  method: 'GET',
  path: '/v1/rooms/{id}',
  entry: 'functions/dialects/quranreflect/handlers/rooms/get-room.ts',
  input: roomPath,
  output: roomsReplies.profile,
  tableAccess: ['BatchGetItem', 'UpdateItem'],
  summary: "QuranReflect Rooms: a group's profile (private groups: members only; the private link: admins only)",
  examplePath: '/v1/rooms/{{groupId}}',
});
export const roomsInviteRoute = /* @__PURE__ */ route({
  id: 'quranreflect-rooms-invite',
  method: 'POST',
  path: '/v1/rooms/{id}/invite',
  entry: 'functions/dialects/quranreflect/handlers/rooms/invite.ts',
  input: inviteInput,
  output: roomsReplies.invited,
  tableAccess: ['BatchGetItem', 'ConditionCheckItem', 'PutItem', 'UpdateItem'],
  summary: 'QuranReflect Rooms: admins invite users (by id) and e-mail addresses; each invitation is published',
  exampleBody: { userIds: ['{{daveNumber}}'], emails: ['newcomer@example.com'] },
  examplePath: '/v1/rooms/{{groupId}}/invite',
  makesInvitationTokens: true,
});
export const roomsAcceptInviteRoute = /* @__PURE__ */ route({
  id: 'quranreflect-rooms-accept-invite',
  method: 'GET',
  path: '/v1/rooms/{id}/accept-invite',
  entry: 'functions/dialects/quranreflect/handlers/rooms/accept-invite.ts',
  input: inviteTokenInput,
  output: roomsReplies.accepted,
  tableAccess: ['BatchGetItem', 'DeleteItem', 'PutItem', 'UpdateItem'],
  summary: 'QuranReflect Rooms: the invitee accepts with the token of their invitation',
  exampleCaller: 'bob',
  examplePath: '/v1/rooms/{{groupId}}/accept-invite',
  exampleQuery: 'token={{bobInvitationToken}}',
});
export const roomsRejectInviteRoute = /* @__PURE__ */ route({
  id: 'quranreflect-rooms-reject-invite',
  method: 'GET',
  path: '/v1/rooms/{id}/reject-invite',
  entry: 'functions/dialects/quranreflect/handlers/rooms/reject-invite.ts',
  input: inviteTokenInput,
  output: roomsReplies.rejected,
  tableAccess: ['BatchGetItem', 'DeleteItem', 'PutItem', 'UpdateItem'],
  summary: 'QuranReflect Rooms: the invitee rejects with the token of their invitation',
  exampleCaller: 'carol',
  examplePath: '/v1/rooms/{{groupId}}/reject-invite',
  exampleQuery: 'token={{carolInvitationToken}}',
});
export const roomsAcceptPrivateLinkRoute = /* @__PURE__ */ route({
  id: 'quranreflect-rooms-accept-private-link',
  method: 'GET',
  path: '/v1/rooms/group/{url}/accept/{token}',
  entry: 'functions/dialects/quranreflect/handlers/rooms/accept-private-link.ts',
  input: privateLinkInput,
  output: roomsReplies.privateLink,
  tableAccess: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'],
  summary: "QuranReflect Rooms: whoever holds a group's private link joins it",
  exampleCaller: 'dave',
  examplePath: '/v1/rooms/group/{{groupUrl}}/accept/{{groupPrivateToken}}',
});
export const roomsMembersRoute = /* @__PURE__ */ route({
  id: 'quranreflect-rooms-members',
  method: 'GET',
  path: '/v1/rooms/{id}/members',
  entry: 'functions/dialects/quranreflect/handlers/rooms/members.ts',
  input: membersInput,
  output: roomsReplies.members,
  tableAccess: ['BatchGetItem', 'Query', 'UpdateItem'],
  summary: "QuranReflect Rooms: a group's members, paginated (members; anyone for a public group)",
  examplePath: '/v1/rooms/{{groupId}}/members',
  exampleQuery: 'limit=10&page=1',
});
export const roomsRemoveMemberRoute = /* @__PURE__ */ route({
  id: 'quranreflect-rooms-remove-member',
  method: 'DELETE',
  path: '/v1/rooms/{id}/members/{userId}',
  entry: 'functions/dialects/quranreflect/handlers/rooms/remove-member.ts',
  input: removeMemberInput,
  output: roomsReplies.success,
  tableAccess: ['GetItem', 'BatchGetItem', 'DeleteItem', 'PutItem', 'UpdateItem'],
  summary: 'QuranReflect Rooms: admins remove a member (not the owner); members remove themselves',
  examplePath: '/v1/rooms/{{groupId}}/members/{{erinNumber}}',
});
export const roomsJoinRoute = /* @__PURE__ */ route({
  id: 'quranreflect-rooms-join',
  method: 'POST',
  path: '/v1/rooms/{groupId}/join',
  entry: 'functions/dialects/quranreflect/handlers/rooms/join.ts',
  input: groupPath,
  output: roomsReplies.joined,
  tableAccess: ['BatchGetItem', 'PutItem', 'UpdateItem'],
  summary: 'QuranReflect Rooms: join a public group',
  exampleCaller: 'carol',
  examplePath: '/v1/rooms/{{publicGroupId}}/join',
});
export const roomsLeaveRoute = /* @__PURE__ */ route({
  id: 'quranreflect-rooms-leave',
  method: 'POST',
  path: '/v1/rooms/{groupId}/leave',
  entry: 'functions/dialects/quranreflect/handlers/rooms/leave.ts',
  input: groupPath,
  output: roomsReplies.left,
  tableAccess: ['BatchGetItem', 'DeleteItem', 'PutItem', 'UpdateItem'],
  summary: 'QuranReflect Rooms: leave a group (not its owner)',
  exampleCaller: 'bob',
  examplePath: '/v1/rooms/{{publicGroupId}}/leave',
});
export const roomsAdminsAccessRoute = /* @__PURE__ */ route({
  id: 'quranreflect-rooms-admins-access',
  method: 'POST',
  path: '/v1/rooms/admins-access',
  entry: 'functions/dialects/quranreflect/handlers/rooms/admins-access.ts',
  input: adminsAccessInput,
  output: roomsReplies.success,
  tableAccess: ['GetItem', 'BatchGetItem', 'UpdateItem'],
  summary: "QuranReflect Rooms: the owner and admins grant or revoke a member's admin access",
  exampleBody: { roomId: '{{#groupId}}', userId: '{{aliceNumber}}', admin: true },
});

/** The dialect's routes, in the table's order. */
export const quranReflectRoutes: readonly Route[] = [
  groupsInviteUserRoute,
  roomsCreateGroupRoute,
  roomsGetRoute,
  roomsInviteRoute,
  roomsAcceptInviteRoute,
  roomsRejectInviteRoute,
  roomsAcceptPrivateLinkRoute,
  roomsMembersRoute,
  roomsRemoveMemberRoute,
  roomsJoinRoute,
  roomsLeaveRoute,
  roomsAdminsAccessRoute,
];
