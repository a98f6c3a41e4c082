/** The local SES the shared service sends to (`aws-ses-v2-local`): its stored messages, awaited. */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

export const sesUrl = () => {
  const url = process.env.SES_URL;
  if (!url) throw new Error('SES_URL is not set: the shared service starts the local SES (test/support/global-setup.ts)');
  return url;
};

export async function storedEmails(): Promise<StoredEmail[]> {
  const response = await fetch(`${sesUrl()}/store`);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
}

/** The messages to an address, once there are at least `count` (polled every 25 ms), or an error after `timeoutMs`. */
export async function waitForEmails(to: string, count = 1, timeoutMs = 10_000): Promise<StoredEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mine = (await storedEmails()).filter((email) =>
      email.destination.to.some((address) => address.toLowerCase() === to.toLowerCase()),
    );
    if (mine.length >= count) return mine;
    if (Date.now() > deadline) throw new Error(`${mine.length} of ${count} e-mail(s) to ${to} in the local SES after ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** The accept link's token in a Rooms invitation e-mail (its text part). */
export function acceptToken(email: StoredEmail): string {
  const link = /Accept the invitation: (\S+)/.exec(email.body.text ?? '')?.[1];
  if (!link) throw new Error(`no accept link in the e-mail "${email.subject}"`);
  return new URL(link).searchParams.get('token')!;
}
