/**
 * The OIDC issuers a stage trusts (TRUSTED_ISSUERS: a JSON array, set from the CDK context
 * `trustedIssuers` when deployed, by `npm start` locally). Each names its issuer exactly, where its
 * keys are (discovery, or an explicit JWKS URL), whom its tokens must be for (`aud`, or `azp` /
 * `client_id` for providers that issue no `aud`), and which claims name the account.
 */
import * as z from '../lib/zod';

const issuerSchema = z
  .object({
    /** `iss`, compared exactly. */
    issuer: z.string().check(z.minLength(1)),
    /** Where the keys are; default: `jwks_uri` of `<issuer>/.well-known/openid-configuration`. */
    jwksUri: z.optional(z.url()),
    /** Accepted `aud` values (any one of them). */
    audiences: z.optional(z.array(z.string())),
    /** Accepted `azp` (Clerk) or `client_id` (Cognito access tokens), for tokens without an `aud`. */
    authorizedParties: z.optional(z.array(z.string())),
    /**
     * The issuer's keys belong to one client (WorkOS: a JWKS URL per client id) and its tokens name
     * no audience: a token signed by them is for us. Only with an explicit `jwksUri`.
     */
    clientBoundKeys: z.optional(z.boolean()),
    /** The claims that give the account's username, display name and e-mail (an e-mail is used only with `email_verified: true`). */
    claims: z.optional(z.object({ username: z.optional(z.string()), name: z.optional(z.string()), email: z.optional(z.string()) })),
  })
  .check(
    z.refine(
      (issuer) => Boolean(issuer.audiences?.length || issuer.authorizedParties?.length || (issuer.clientBoundKeys && issuer.jwksUri)),
      {
        error:
          'each trusted issuer needs audiences, authorizedParties, or clientBoundKeys with its jwksUri: a token must be checked against whom it is for (RFC 8725 3.9)',
      },
    ),
  );

export type TrustedIssuer = z.output<typeof issuerSchema> & { claims: { username: string; name: string; email: string } };

const parsed = new Map<string, TrustedIssuer[]>();

/** The trusted issuers of this environment (parsed once per value); a malformed setting fails loudly, at the first request. */
export function trustedIssuers(env: NodeJS.ProcessEnv = process.env): TrustedIssuer[] {
  const text = env.TRUSTED_ISSUERS?.trim() || '[]';
  let issuers = parsed.get(text);
  if (!issuers) {
    const result = z.safeParse(z.array(issuerSchema), JSON.parse(text));
    if (!result.success)
      throw new Error(`TRUSTED_ISSUERS: ${result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
    issuers = result.data.map((issuer) => ({
      ...issuer,
      claims: {
        username: issuer.claims?.username ?? 'preferred_username',
        name: issuer.claims?.name ?? 'name',
        email: issuer.claims?.email ?? 'email',
      },
    }));
    parsed.set(text, issuers);
  }
  return issuers;
}
