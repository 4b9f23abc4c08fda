import nodemailer from 'nodemailer';
import type { SmtpSettings } from './settings.js';
import { DeliveryError } from './transport.js';
import type { NotificationTransport, OutgoingMessage } from './transport.js';

/** nodemailer's error shape (its typings leave these fields out). */
interface SmtpFailure {
  readonly code?: string;
  readonly responseCode?: number;
}

/**
 * 5xx on the envelope or the message (unknown mailbox, refused content) will not change on retry;
 * connection, auth (an operator can fix the password) and 4xx answers might.
 */
export function classifySmtpError(error: unknown): DeliveryError {
  const { code, responseCode } = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  const permanent = typeof responseCode === 'number' && responseCode >= 500 && (code === 'EENVELOPE' || code === 'EMESSAGE');
  const label = ['smtp', code ?? 'error', responseCode === undefined ? null : String(responseCode)].filter((p) => p !== null).join(' ');
  return new DeliveryError(label, permanent);
}

/** E-mail over SMTP with nodemailer: `smtp://` (STARTTLS when offered) or `smtps://` (TLS from the start). */
export function createEmailTransport(settings: SmtpSettings): NotificationTransport {
  const url = new URL(settings.url);
  const secure = url.protocol === 'smtps:';
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    auth: url.username === '' ? undefined : { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    // nodemailer logs nothing unless asked; keep it that way, its debug output contains addresses.
    logger: false,
  });
  return {
    async send(message: OutgoingMessage) {
      try {
        await transporter.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.body,
          headers: { 'Content-Language': message.locale },
          messageId: `<${message.id}@notifications.kiosk>`,
        });
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    async close() {
      transporter.close();
    },
  };
}
