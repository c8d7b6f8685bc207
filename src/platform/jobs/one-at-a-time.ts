const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Runs `work` once every earlier work given the same key on the same database has settled, and
 * answers its result. For bulk operations that read what the one before them wrote (an import
 * asks who is already registered): two at once would each miss the other's people.
 */
export function oneAtATime<T>(database: object, key: string, work: () => Promise<T>): Promise<T> {
  let queue = queues.get(database);
  if (!queue) queues.set(database, (queue = new Map()));
  const before = queue.get(key) ?? Promise.resolve();
  const result = before.then(work, work);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  queue.set(key, settled);
  // The last in line cleans up after itself, so the map does not grow with every key ever used.
  void settled.then(() => {
    if (queue.get(key) === settled) queue.delete(key);
  });
  return result;
}
