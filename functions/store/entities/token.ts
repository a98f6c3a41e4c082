/** Auth tokens, stored under their SHA-256 hash only; API clients (QuranReflect's `x-client-id`); Rocket.Chat permission grants. */
import * as z from '../../lib/zod';
import { type Codec, codec, decoder, key } from './codec';
export const accessKeys = {
  token: (tokenHash: string) => key(`TOKEN#${tokenHash}`, 'TOKEN'),
  apiClient: (clientId: string) => key(`CLIENT#${clientId}`, 'CLIENT'),
  permission: (permission: string) => key(`PERMISSION#${permission}`, 'PERMISSION'),
} as const;

/** An auth token, stored under its SHA-256 hash only. */
export interface TokenRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  /** Epoch seconds; absent means the token does not expire. Also the table's TTL attribute. */
  expiresAt?: number;
  revoked?: boolean;
}

const decodeToken = /* @__PURE__ */ decoder('token', () =>
  z.object({ userId: z.string(), createdAt: z.string(), expiresAt: z.optional(z.number()), revoked: z.optional(z.boolean()) }),
);

export const tokenCodec: Codec<TokenRecord> = {
  decode: (item) => ({ ...decodeToken(item), tokenHash: String(item.pk).slice('TOKEN#'.length) }),
  encode: ({ tokenHash, ...token }) => ({ ...accessKeys.token(tokenHash), ...token }),
};

export const permissionCodec: Codec<{ _id: string; roles: string[]; _updatedAt?: string }> = /* @__PURE__ */ codec(
  'permission',
  () => z.object({ _id: z.string(), roles: z.array(z.string()), _updatedAt: z.optional(z.string()) }),
  (permission) => ({ ...accessKeys.permission(permission._id), ...permission }),
);
