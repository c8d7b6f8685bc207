import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { readConfig } from '../../platform/config.js';

/**
 * A gateway on this machine that speaks Africa's Talking's messaging API: it keeps what it is
 * sent, and answers as Africa's Talking does (or fails, when told to).
 */
function gatewayServer() {
  const received: { headers: http.IncomingHttpHeaders; form: URLSearchParams }[] = [];
  let failing = false;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      received.push({ headers: req.headers, form });
      if (failing) {
        res.writeHead(500).end('down');
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          SMSMessageData: {
            Message: 'Sent to 1/1 Total Cost: KES 0.8000',
            Recipients: [
              {
                statusCode: 101,
                number: form.get('to'),
                status: 'Success',
                cost: 'KES 0.8000',
                messageId: `ATXid_${received.length}`,
              },
            ],
          },
        }),
      );
    });
  });
  return {
    received,
    fail: (on: boolean) => (failing = on),
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)),
      ),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('the SMS gateway settings', () => {
  it('name what is missing', () => {
    expect(() => readConfig({ RISKPOOL_SMS_GATEWAY: 'africastalking', RISKPOOL_SMS_API_KEY: 'k' })).toThrow(
      /RISKPOOL_SMS_USERNAME is needed/,
    );
    expect(() => readConfig({ RISKPOOL_SMS_GATEWAY: 'pigeon' })).toThrow(/africastalking or http/);
    expect(readConfig({}).smsGateway).toBeNull();
  });
});

describe.each(engines)("answers sent through Africa's Talking on %s", (engine) => {
  let t: TestApp;
  let gateway: ReturnType<typeof gatewayServer>;
  let token: string;
  let machineToken: string;

  beforeAll(async () => {
    gateway = gatewayServer();
    const url = await gateway.start();
    t = await testApp(engine, {
      RISKPOOL_SMS_GATEWAY: 'africastalking',
      RISKPOOL_SMS_URL: url,
      RISKPOOL_SMS_USERNAME: 'riskpool',
      RISKPOOL_SMS_API_KEY: 'secret-key',
      RISKPOOL_SMS_SENDER: 'HIP',
    });
    ({ token } = await t.scheme('OUT'));
    await t.call('POST', '/api/v1/facilities', {
      token,
      body: {
        code: 'TKHC',
        name: 'Toul Kork',
        type: 'health_centre',
        ownership: 'public',
        phoneNumbers: ['012345678'],
      },
    });
    const machine = await t.call('POST', '/api/v1/users', {
      token,
      body: { username: 'at-gateway', displayName: 'Gateway', roles: ['gateway'], isMachine: true },
    });
    machineToken = (
      await t.call('POST', '/api/v1/api-tokens', { token, body: { name: 'gateway', userId: machine.body.user.id } })
    ).body.token;
  });
  afterAll(async () => {
    await t.close();
    await gateway.stop();
  });

  it('sends the answer to the phone that asked, and keeps the gateway’s id of it', async () => {
    const res = await t.call('POST', '/api/v1/sms/inbound', {
      token: machineToken,
      body: 'from=%2B85512345678&to=1234&text=OUT000000099&date=2026-11-23&id=ATXin1&linkId=L1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.body.sentVia).toBe('africastalking');
    const sent = gateway.received.at(-1)!;
    expect(sent.headers.apikey).toBe('secret-key');
    expect(Object.fromEntries(sent.form)).toEqual({
      username: 'riskpool',
      to: '+85512345678',
      message: res.body.message,
      from: 'HIP',
    });
    const kept = await t.db.kysely
      .selectFrom('sms_message')
      .select(['direction', 'gateway_id', 'text'])
      .where('phone', '=', '+85512345678')
      .orderBy('direction')
      .execute();
    expect(kept).toEqual([
      { direction: 'in', gateway_id: 'ATXin1', text: 'OUT000000099' },
      { direction: 'out', gateway_id: `ATXid_${gateway.received.length}`, text: res.body.message },
    ]);
  });

  it('still answers in the response when the gateway fails', async () => {
    gateway.fail(true);
    try {
      const res = await t.call('POST', '/api/v1/sms/inbound', {
        token: machineToken,
        body: { from: '+85512345678', text: 'help' },
      });
      expect(res.status).toBe(200);
      expect(res.body.message).toMatch(/^Send the member number/);
      expect(res.body.sentVia).toBeNull();
      expect(res.body.sendError).toMatch(/HTTP 500/);
    } finally {
      gateway.fail(false);
    }
  });
});
