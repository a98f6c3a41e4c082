/**
 * An outside identity linked by an operator to an existing account (`admin identity link`): under
 * the id the identity's own account would have (derived from iss and sub), so that one read of
 * both keys finds either the identity's account or its link.
 */
import * as z from '../../lib/zod';
import { type Codec, codec, key } from './codec';

export interface IdentityLink {
  /** The identity's derived id. */
  identityId: string;
  issuer: string;
  subject: string;
  /** The account it acts as. */
  userId: string;
  linkedAt: string;
}

export const identityKeys = {
  identityLink: (identityId: string) => key(`IDENTITY#${identityId}`, 'LINK'),
} as const;

export const identityLinkCodec: Codec<IdentityLink> = /* @__PURE__ */ codec(
  'identity link',
  () => z.object({ identityId: z.string(), issuer: z.string(), subject: z.string(), userId: z.string(), linkedAt: z.string() }),
  (link) => ({ ...identityKeys.identityLink(link.identityId), ...link }),
);
