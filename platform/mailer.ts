import nodemailer, { type Transporter } from 'nodemailer';

/** SMTP transport from SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS). */
export function createMailer(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}
