import type { Config } from '../../../config.js';

/** One e-mail as handed to the SMTP server. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** What the SMTP server said: its Message-ID and answer line (e.g. "250 OK"). */
export interface SentMail {
  messageId: string | null;
  response: string;
}

/** Sends one e-mail or throws with the server's refusal. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

export interface MailSettings {
  mailer: Mailer;
  from: string;
  /** Where people reach the web app, without a trailing slash: the links in e-mails start with it. */
  publicUrl: string;
  maxAttempts: number;
  retryBaseMs: number;
}

/** nodemailer's options from the environment, or null when no SMTP server is configured (nothing is mailed). */
export function smtpOptions(
  config: Pick<Config, 'SMTP_URL' | 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_USER' | 'SMTP_PASS' | 'SMTP_SECURE'>,
): string | Record<string, unknown> | null {
  if (config.SMTP_URL) return config.SMTP_URL;
  if (!config.SMTP_HOST) return null;
  return {
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    // Port 465 speaks TLS from the start; others upgrade with STARTTLS when the server offers it.
    secure: config.SMTP_SECURE ?? config.SMTP_PORT === 465,
    ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASS ?? '' } } : {}),
  };
}

/** A mailer over nodemailer's SMTP transport (loaded on first use: most processes never send mail). */
export async function smtpMailer(options: string | Record<string, unknown>): Promise<Mailer> {
  const nodemailer = (await import('nodemailer')).default;
  const transport = nodemailer.createTransport(options as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail) {
      const info = await transport.sendMail(mail);
      return { messageId: info.messageId ?? null, response: String(info.response ?? '') };
    },
    close() {
      transport.close();
    },
  };
}

/** The mail settings of a server, or null when e-mail is not configured. */
export async function mailSettingsFromConfig(config: Config, fallbackUrl: string): Promise<MailSettings | null> {
  const options = smtpOptions(config);
  if (!options || !config.MAIL_FROM) return null;
  return {
    mailer: await smtpMailer(options),
    from: config.MAIL_FROM,
    publicUrl: (config.PUBLIC_URL ?? fallbackUrl).replace(/\/+$/, ''),
    maxAttempts: config.HOPEJOBS_EMAIL_MAX_ATTEMPTS,
    retryBaseMs: config.HOPEJOBS_EMAIL_RETRY_BASE_S * 1000,
  };
}
