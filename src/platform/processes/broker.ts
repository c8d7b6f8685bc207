import { isPeerMessage, type PeerMessage } from './peers.js';

/** A worker process as the first process sees it (node:cluster's Worker has both). */
export interface WorkerHandle {
  id: number;
  send(message: PeerMessage): unknown;
}

/**
 * The first process of a server that runs several: it passes on what one worker forgot to the
 * others, hands out locks in the order they were asked for, and keeps the limits counted for all.
 * It holds no connection of its own to them; node:cluster carries the messages.
 */
export class Broker {
  private readonly workers = new Map<number, WorkerHandle>();
  /** Per key, the workers waiting for it in turn; the first holds it. */
  private readonly queues = new Map<string, { worker: number; id: number }[]>();

  constructor(
    private readonly limit: { tooMany(key: string): boolean },
    /** The first process's own memo, which also hears what the workers forgot. */
    private readonly drop: (prefix: string) => void = () => undefined,
  ) {}

  joined(worker: WorkerHandle): void {
    this.workers.set(worker.id, worker);
  }

  /** A worker that exits gives up its locks and its places in line; the next in line gets each. */
  left(workerId: number): void {
    this.workers.delete(workerId);
    for (const [key, queue] of this.queues) {
      const held = queue[0]?.worker === workerId;
      const rest = queue.filter((q) => q.worker !== workerId);
      this.queues.set(key, rest);
      if (held) this.grant(key);
      if (rest.length === 0) this.queues.delete(key);
    }
  }

  /** Tells every worker that what is kept under the prefix changed here, in the first process. */
  forgotten(prefix: string): void {
    for (const w of this.workers.values()) w.send({ riskpool: 'forgotten', prefix });
  }

  receive(from: WorkerHandle, message: unknown): void {
    if (!isPeerMessage(message)) return;
    switch (message.riskpool) {
      case 'forgotten':
        this.drop(message.prefix);
        for (const w of this.workers.values()) if (w.id !== from.id) w.send(message);
        return;
      case 'lock': {
        const queue = this.queues.get(message.key) ?? [];
        queue.push({ worker: from.id, id: message.id });
        this.queues.set(message.key, queue);
        if (queue.length === 1) this.grant(message.key);
        return;
      }
      case 'unlock': {
        const queue = this.queues.get(message.key);
        if (queue?.[0]?.worker !== from.id) return;
        queue.shift();
        if (queue.length) this.grant(message.key);
        else this.queues.delete(message.key);
        return;
      }
      case 'too-many':
        from.send({ riskpool: 'answer', id: message.id, value: this.limit.tooMany(message.key) });
        return;
    }
  }

  private grant(key: string): void {
    const first = this.queues.get(key)?.[0];
    if (first) this.workers.get(first.worker)?.send({ riskpool: 'answer', id: first.id, value: true });
  }
}
