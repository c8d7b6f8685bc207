import type { SmsGatewayConfig } from '../../platform/config.js';

/** Sends a text through the scheme's SMS gateway; answers the gateway's id of the message. */
export interface SmsSender {
  name: string;
  send(to: string, text: string): Promise<{ gatewayId: string | null }>;
}

/** A gateway that does not answer within this many seconds is taken as failed; the reply still goes back in the response. */
const TIMEOUT_MS = 10_000;

/**
 * The outbound adapter the configuration names, or null for none:
 *  - africastalking: Africa's Talking's messaging API (form fields username, to, message, from;
 *    the apiKey header), the gateway most schemes in Africa use;
 *  - http: a JSON POST of { to, text } to any URL, with a bearer token, for other gateways or a
 *    scheme's own relay.
 */
export function smsSenderFor(config: SmsGatewayConfig | null, send: typeof fetch = fetch): SmsSender | null {
  if (!config) return null;
  if (config.kind === 'africastalking') {
    return {
      name: 'africastalking',
      async send(to, text) {
        const form = new URLSearchParams({ username: config.username, to, message: text });
        if (config.sender) form.set('from', config.sender);
        const res = await send(config.url, {
          method: 'POST',
          headers: {
            apiKey: config.apiKey,
            accept: 'application/json',
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: form,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        if (!res.ok) throw new Error(`Africa's Talking answered HTTP ${res.status}`);
        const body = (await res.json()) as {
          SMSMessageData?: { Recipients?: { status?: string; messageId?: string }[] };
        };
        const recipient = body.SMSMessageData?.Recipients?.[0];
        if (!recipient || recipient.status !== 'Success') {
          throw new Error(`Africa's Talking did not send it: ${recipient?.status ?? 'no recipient'}`);
        }
        return { gatewayId: recipient.messageId ?? null };
      },
    };
  }
  return {
    name: 'http',
    async send(to, text) {
      const res = await send(config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
        },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`the SMS gateway answered HTTP ${res.status}`);
      const body = (await res.json().catch(() => ({}))) as { id?: unknown };
      return { gatewayId: typeof body.id === 'string' ? body.id : null };
    },
  };
}
