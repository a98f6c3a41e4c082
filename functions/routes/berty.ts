/** Berty protocol (grpc-gateway): multi-member groups, limited per caller. */
import { type Route, routeRows } from './route';

const route = /* @__PURE__ */ routeRows({ dialect: 'berty', rateLimit: { limit: 60, windowSeconds: 60, key: 'user' }, handlers: 'berty' });

export const bertyRoutes = (): Route[] => [
  route({
    id: 'berty-multi-member-group-create',
    method: 'POST',
    path: '/protocol/v1/MultiMemberGroupCreate',
    handler: 'group-create',
    tableAccess: ['PutItem'],
    summary: 'Berty: create a multi-member group (the caller is its first member)',
  }),
  route({
    id: 'berty-multi-member-group-invitation-create',
    method: 'POST',
    path: '/protocol/v1/MultiMemberGroupInvitationCreate',
    handler: 'invitation-create',
    tableAccess: ['BatchGetItem'],
    summary: "Berty: a member gets the group's invitation (public key, secret, signature)",
    exampleBody: { group_pk: '{{bertyGroupPk}}' },
  }),
  route({
    id: 'berty-multi-member-group-join',
    method: 'POST',
    path: '/protocol/v1/MultiMemberGroupJoin',
    handler: 'group-join',
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
  }),
  route({
    id: 'berty-multi-member-group-leave',
    method: 'POST',
    path: '/protocol/v1/MultiMemberGroupLeave',
    handler: 'group-leave',
    tableAccess: ['PutItem', 'DeleteItem'],
    summary: 'Berty: leave a multi-member group (it stays joinable by its invitation)',
    exampleBody: { group_pk: '{{bertyGroupPk}}' },
    exampleCaller: 'alice',
  }),
];
