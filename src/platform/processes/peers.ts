/**
 * The other processes of a server that runs several on one database (`RISKPOOL_WORKERS`), as one
 * process sees them. What a process keeps in memory for speed (the memo, the phones' counts) and
 * the work that must not run twice at once (a scheme's imports) is kept consistent through them;
 * a server of one process has no others, and `alone` answers for them.
 */
export interface Peers {
  /** Tells the others that what their memos keep under the prefix has changed. */
  forgotten(prefix: string): void;
  /** Calls `drop` with each prefix another process forgot. */
  onForgotten(drop: (prefix: string) => void): void;
  /** Runs `work` while no other process runs work under the same key, and answers its result. */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * Counts a request under the key in the limit the server keeps for all its processes (a phone's
   * questions); true when it is one too many. Undefined when this process counts alone.
   */
  tooMany?(key: string): Promise<boolean>;
}

/** A process with no others: nothing to tell, nobody to wait for. */
export const alone: Peers = {
  forgotten: () => undefined,
  onForgotten: () => undefined,
  exclusive: (_key, work) => work(),
};

/** What the processes of a server say to each other, through the first one (see broker.ts). */
export type PeerMessage =
  | { riskpool: 'forgotten'; prefix: string }
  | { riskpool: 'lock'; id: number; key: string }
  | { riskpool: 'unlock'; key: string }
  | { riskpool: 'too-many'; id: number; key: string }
  | { riskpool: 'answer'; id: number; value: boolean };

export const isPeerMessage = (m: unknown): m is PeerMessage =>
  typeof m === 'object' && m !== null && typeof (m as { riskpool?: unknown }).riskpool === 'string';

/** The channel to the first process: `process` in a worker forked by node:cluster. */
export interface Channel {
  send(message: PeerMessage): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** The peers of a worker process, reached through its channel to the first process. */
export function peersThrough(channel: Channel): Peers {
  const waiting = new Map<number, (value: boolean) => void>();
  const drops: ((prefix: string) => void)[] = [];
  let next = 0;
  channel.on('message', (m) => {
    if (!isPeerMessage(m)) return;
    if (m.riskpool === 'forgotten') for (const drop of drops) drop(m.prefix);
    if (m.riskpool === 'answer') {
      waiting.get(m.id)?.(m.value);
      waiting.delete(m.id);
    }
  });
  const ask = (message: (id: number) => PeerMessage) =>
    new Promise<boolean>((resolve) => {
      const id = ++next;
      waiting.set(id, resolve);
      channel.send(message(id));
    });
  return {
    forgotten: (prefix) => channel.send({ riskpool: 'forgotten', prefix }),
    onForgotten: (drop) => drops.push(drop),
    exclusive: async (key, work) => {
      await ask((id) => ({ riskpool: 'lock', id, key }));
      try {
        return await work();
      } finally {
        channel.send({ riskpool: 'unlock', key });
      }
    },
    tooMany: (key) => ask((id) => ({ riskpool: 'too-many', id, key })),
  };
}
