import { z } from 'zod';
import { either, protoBytes, protoMessage } from './proto-json';

export const groupCreateRequest = protoMessage({});

export const invitationCreateRequest = protoMessage({ group_pk: protoBytes, groupPk: protoBytes })
  .transform((request) => ({ groupPk: either(request.group_pk, request.groupPk) }))
  .refine((request) => request.groupPk !== undefined, { error: 'ErrMissingInput(#101): group_pk is required' });

const groupMessage = z.looseObject({
  public_key: protoBytes,
  publicKey: protoBytes,
  secret: protoBytes,
  secret_sig: protoBytes,
  secretSig: protoBytes,
  // Accepted as an enum name or number and, as upstream, not checked.
  group_type: z.union([z.string(), z.number()]).nullish(),
  groupType: z.union([z.string(), z.number()]).nullish(),
});

export const groupJoinRequest = protoMessage({ group: groupMessage.nullish() })
  .transform((request) => ({
    group: request.group
      ? {
          publicKey: either(request.group.public_key, request.group.publicKey),
          secret: request.group.secret,
          secretSig: either(request.group.secret_sig, request.group.secretSig),
        }
      : undefined,
  }))
  .refine((request) => request.group !== undefined, { error: 'ErrMissingInput(#101): group is required' });

export type InvitationCreateRequest = z.output<typeof invitationCreateRequest>;
export type GroupJoinRequest = z.output<typeof groupJoinRequest>;
