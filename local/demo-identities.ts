/** The demo users' identities at `npm start`'s local OIDC issuer: linked to their accounts, with an access token each. */
import { identityUserId } from '../functions/domain/identities';
import { clock } from '../functions/lib/clock';
import type { User } from '../functions/model';
import { putIdentityLink } from '../functions/store/identities';
import type { LocalIssuer } from './oidc-issuer';

/** Links `demo-<name>` to each demo account and returns `<name>Jwt` placeholders (ALICE_JWT in demo.env). */
export async function linkDemoIdentities(issuer: LocalIssuer, users: Record<string, { user: User }>): Promise<Record<string, string>> {
  const placeholders: Record<string, string> = {};
  for (const [name, { user }] of Object.entries(users)) {
    const subject = `demo-${name}`;
    await putIdentityLink({
      identityId: identityUserId(issuer.issuer, subject),
      issuer: issuer.issuer,
      subject,
      userId: user._id,
      linkedAt: clock.iso(),
    });
    placeholders[`${name}Jwt`] = await issuer.mint(subject, { preferred_username: user.username }, { expiresIn: '12h' });
  }
  return placeholders;
}
