import type { SmsWebhookSettings } from './settings.js';
import { DeliveryError } from './transport.js';
import type { NotificationTransport, OutgoingMessage } from './transport.js';

/** The JSON the SMS provider's webhook receives. `id` lets the provider drop a re-sent message. */
export interface SmsWebhookPayload {
  readonly id: string;
  readonly to: string;
  readonly text: string;
  readonly locale: string;
}

/** 408 and 429 are "later, please"; any other 4xx means this message will never be accepted. */
function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** SMS through a provider adapter: POST JSON to a configured URL; any 2xx is delivered. */
export function createSmsWebhookTransport(settings: SmsWebhookSettings, fetchImpl: typeof fetch = fetch): NotificationTransport {
  return {
    async send(message: OutgoingMessage) {
      const payload: SmsWebhookPayload = { id: message.id, to: message.to, text: message.body, locale: message.locale };
      let response: Response;
      try {
        response = await fetchImpl(settings.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(settings.token === null ? {} : { authorization: `Bearer ${settings.token}` }),
          },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(settings.timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        const name = error instanceof Error ? error.name : 'error';
        throw new DeliveryError(`webhook ${name === 'TimeoutError' ? 'timeout' : 'unreachable'}`, false);
      }
      // Drain the body so the connection can be reused; its content is the provider's business.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new DeliveryError(`webhook HTTP ${response.status}`, isPermanent(response.status));
    },
    async close() {},
  };
}
