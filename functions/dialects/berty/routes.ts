/** Berty protocol (grpc-gateway): multi-member groups, limited per caller. */
import { berty } from './dialect';
import {
  emptyReply,
  groupCreateReply,
  groupCreateRequest,
  groupJoinRequest,
  groupLeaveRequest,
  invitationCreateReply,
  invitationCreateRequest,
} from './handlers/schemas';
import { dialectRoute, type Route } from '../../routes/route';

const route = /* @__PURE__ */ dialectRoute(berty, { rateLimit: { limit: 60, windowSeconds: 60, key: 'user' } });

export const multiMemberGroupCreateRoute = /* @__PURE__ */ route({
  id: 'berty-multi-member-group-create',
  method: 'POST',
  path: '/protocol/v1/MultiMemberGroupCreate',
  entry: 'functions/dialects/berty/handlers/group-create.ts',
  input: groupCreateRequest,
  output: groupCreateReply,
  tableAccess: ['PutItem'],
  summary: 'Berty: create a multi-member group (the caller is its first member)',
});
export const multiMemberGroupInvitationCreateRoute = /* @__PURE__ */ route({
  id: 'berty-multi-member-group-invitation-create',
  method: 'POST',
  path: '/protocol/v1/MultiMemberGroupInvitationCreate',
  entry: 'functions/dialects/berty/handlers/invitation-create.ts',
  input: invitationCreateRequest,
  output: invitationCreateReply,
  tableAccess: ['BatchGetItem'],
  summary: "Berty: a member gets the group's invitation (public key, secret, signature)",
  exampleBody: { group_pk: '{{bertyGroupPk}}' },
});
export const multiMemberGroupJoinRoute = /* @__PURE__ */ route({
  id: 'berty-multi-member-group-join',
  method: 'POST',
  path: '/protocol/v1/MultiMemberGroupJoin',
  entry: 'functions/dialects/berty/handlers/group-join.ts',
  input: groupJoinRequest,
  output: emptyReply,
  tableAccess: ['PutItem'],
  summary: 'Berty: join a multi-member group from its invitation',
  exampleBody: {
    group: {
      public_key: '{{bertyGroupPk}}',
      secret: '{{bertyGroupSecret}}',
      secret_sig: '{{bertyGroupSecretSig}}',
      group_type: 'GroupTypeMultiMember',
    },
  },
  exampleCaller: 'bob',
});
export const multiMemberGroupLeaveRoute = /* @__PURE__ */ route({
  id: 'berty-multi-member-group-leave',
  method: 'POST',
  path: '/protocol/v1/MultiMemberGroupLeave',
  entry: 'functions/dialects/berty/handlers/group-leave.ts',
  input: groupLeaveRequest,
  output: emptyReply,
  tableAccess: ['PutItem', 'DeleteItem'],
  summary: 'Berty: leave a multi-member group (it stays joinable by its invitation)',
  exampleBody: { group_pk: '{{bertyGroupPk}}' },
  exampleCaller: 'alice',
});

/** The dialect's routes, in the table's order. */
export const bertyRoutes: readonly Route[] = [
  multiMemberGroupCreateRoute,
  multiMemberGroupInvitationCreateRoute,
  multiMemberGroupJoinRoute,
  multiMemberGroupLeaveRoute,
];
