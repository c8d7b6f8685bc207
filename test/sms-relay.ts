import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An SMS relay on this machine that takes `{ to, text }` as the http outbound gateway sends it,
 * answers an id, and keeps what it was given: the tests' real gateway at the other end.
 */
export function smsRelay() {
  const received: { to: string; text: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `R${received.length}` }));
    });
  });
  return {
    received,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)),
      ),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
