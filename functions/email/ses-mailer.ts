/**
 * Sends with SESv2 `SendEmail` (simple content: subject, HTML and text parts), from SENDER_EMAIL,
 * through the configuration set SES_CONFIGURATION_SET (whose bounce and complaint events feed the
 * suppression list). SES_ENDPOINT points the client at the local SES (`npm start`). The client
 * is made once per mailer, on first use, from the Lambda runtime's SDK when deployed.
 */
import type { Mailer, OutgoingEmail } from './mailer';

export interface SesMailerConfig {
  from: string;
  configurationSet?: string;
  endpoint?: string;
  region?: string;
}

export function sesMailer(config: SesMailerConfig): Mailer {
  let loaded:
    | Promise<{
        client: import('@aws-sdk/client-sesv2').SESv2Client;
        SendEmailCommand: typeof import('@aws-sdk/client-sesv2').SendEmailCommand;
      }>
    | undefined;
  const load = () =>
    (loaded ??= import('@aws-sdk/client-sesv2').then(({ SESv2Client, SendEmailCommand }) => ({
      client: new SESv2Client({
        region: config.region ?? process.env.AWS_REGION,
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      }),
      SendEmailCommand,
    })));
  return {
    async send(email: OutgoingEmail) {
      const { client, SendEmailCommand } = await load();
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: config.from,
          Destination: { ToAddresses: [email.to] },
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
            },
          },
          ...(config.configurationSet ? { ConfigurationSetName: config.configurationSet } : {}),
          EmailTags: [{ Name: 'kind', Value: email.kind }],
        }),
      );
      return { messageId: result.MessageId };
    },
  };
}

/** The mailer this environment configures. */
export const mailerFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Mailer =>
  sesMailer({
    from: env.SENDER_EMAIL || 'invites@localhost',
    configurationSet: env.SES_CONFIGURATION_SET || undefined,
    endpoint: env.SES_ENDPOINT || undefined,
  });
