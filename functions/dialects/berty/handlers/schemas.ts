import * as z from '../../../lib/zod';
import { either, protoBytes, protoMessage } from './proto-json';

/** A request is its body (grpc-gateway maps the whole message from it). */
const bodyOnly = <T extends z.ZodMiniType>(body: T) => z.object({ body });

export const groupCreateRequest = bodyOnly(protoMessage({}));

export const invitationCreateRequest = bodyOnly(
  z
    .pipe(
      protoMessage({ group_pk: protoBytes, groupPk: protoBytes }),
      z.transform((request) => ({ groupPk: either(request.group_pk, request.groupPk) })),
    )
    .check(z.refine((request) => request.groupPk !== undefined, { error: 'ErrMissingInput(#101): group_pk is required' })),
);

const enumValue = z.nullish(z.union([z.string(), z.number()]));

const groupMessage = z.looseObject({
  public_key: protoBytes,
  publicKey: protoBytes,
  secret: protoBytes,
  secret_sig: protoBytes,
  secretSig: protoBytes,
  // Accepted as an enum name or number and, as upstream, not checked.
  group_type: enumValue,
  groupType: enumValue,
});

export const groupJoinRequest = bodyOnly(
  z
    .pipe(
      protoMessage({ group: z.nullish(groupMessage) }),
      z.transform((request) => ({
        group: request.group
          ? {
              publicKey: either(request.group.public_key, request.group.publicKey),
              secret: request.group.secret,
              secretSig: either(request.group.secret_sig, request.group.secretSig),
            }
          : undefined,
      })),
    )
    .check(z.refine((request) => request.group !== undefined, { error: 'ErrMissingInput(#101): group is required' })),
);

export type InvitationCreateRequest = z.output<typeof invitationCreateRequest>;
export type GroupJoinRequest = z.output<typeof groupJoinRequest>;

/** MultiMemberGroupLeave's request is InvitationCreate's: `{group_pk}`. */
export const groupLeaveRequest = invitationCreateRequest;

/** Replies (grpc-gateway JSON, proto names): for the OpenAPI document and the replies' checks. */
export const groupCreateReply = z.strictObject({ group_pk: z.string() });
export const invitationCreateReply = z.strictObject({
  group: z.strictObject({
    public_key: z.string(),
    secret: z.string(),
    secret_sig: z.string(),
    group_type: z.literal('GroupTypeMultiMember'),
  }),
});
/** Join and Leave answer the empty message. */
export const emptyReply = z.strictObject({});
