import { describe, expect, it } from 'vitest';
import { Broker } from './broker.js';
import { peersThrough, type PeerMessage } from './peers.js';

/** Workers wired to a broker as node:cluster wires them, messages passed on the next turn. */
function workers(count: number, dropped: string[] = []) {
  // Two asks per key, then too many: the limit itself is the SMS part's (PhoneLimit).
  const asked = new Map<string, number>();
  const limit = { tooMany: (key: string) => asked.set(key, (asked.get(key) ?? 0) + 1).get(key)! > 2 };
  const broker = new Broker(limit, (prefix) => dropped.push(prefix));
  return Array.from({ length: count }, (_, i) => {
    const listeners: ((m: unknown) => void)[] = [];
    const handle = {
      id: i + 1,
      send: (m: PeerMessage) => setImmediate(() => listeners.forEach((l) => l(structuredClone(m)))),
    };
    broker.joined(handle);
    const peers = peersThrough({
      send: (m) => setImmediate(() => broker.receive(handle, structuredClone(m))),
      on: (_event, listener) => listeners.push(listener),
    });
    return { peers, leave: () => broker.left(handle.id) };
  });
}

describe('the processes of one server', () => {
  it('run work under the same key one after another, in the order asked', async () => {
    const [a, b] = workers(2);
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name} starts`);
      await new Promise((r) => setTimeout(r, 20));
      log.push(`${name} ends`);
      return name;
    };
    const results = await Promise.all([
      a!.peers.exclusive('import:s1', job('a1')),
      b!.peers.exclusive('import:s1', job('b1')),
      a!.peers.exclusive('import:s1', job('a2')),
      b!.peers.exclusive('import:s2', job('other scheme')),
    ]);
    expect(results).toEqual(['a1', 'b1', 'a2', 'other scheme']);
    const s1 = log.filter((l) => !l.startsWith('other'));
    expect(s1).toEqual(['a1 starts', 'a1 ends', 'b1 starts', 'b1 ends', 'a2 starts', 'a2 ends']);
    // The other key did not wait for the first.
    expect(log.indexOf('other scheme starts')).toBeLessThan(log.indexOf('a1 ends'));
  });

  it('let a lock go when the process holding it exits, to the next in line', async () => {
    const [a, b] = workers(2);
    let release!: () => void;
    const held = a!.peers.exclusive('k', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 10));
    let bRan = false;
    const waiting = b!.peers.exclusive('k', async () => {
      bRan = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(bRan).toBe(false);
    a!.leave();
    await waiting;
    expect(bRan).toBe(true);
    release();
    await held;
  });

  it('pass on what one forgot to the others and the first process, not back to itself', async () => {
    const dropped: string[] = [];
    const [a, b, c] = workers(3, dropped);
    const heard = { a: [] as string[], b: [] as string[], c: [] as string[] };
    a!.peers.onForgotten((p) => heard.a.push(p));
    b!.peers.onForgotten((p) => heard.b.push(p));
    c!.peers.onForgotten((p) => heard.c.push(p));
    a!.peers.forgotten('session:');
    await new Promise((r) => setTimeout(r, 10));
    expect(heard).toEqual({ a: [], b: ['session:'], c: ['session:'] });
    expect(dropped).toEqual(['session:']);
  });

  it('count a phone in one limit for all of them', async () => {
    const [a, b] = workers(2);
    const asks = [a!, b!, a!].map((w) => w.peers.tooMany!('s1 85512345678'));
    expect(await Promise.all(asks)).toEqual([false, false, true]);
  });
});
