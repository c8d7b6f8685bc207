import { workerList } from '../src/demo/demo.js';
import { seeded } from '../src/demo/random.js';

/**
 * A deterministic synthetic scheme of any size: `employers` worker lists, as CSV, summing to
 * about `members` members (workers, a tenth of them with a spouse or child). The same seed
 * gives byte for byte the same files.
 */
export function* workerLists(members: number, seed = 1, perEmployer = 10_000) {
  const random = seeded(seed);
  // Each worker brings 0.1 dependants on average.
  const workers = Math.round(members / 1.1);
  const employers = Math.max(1, Math.ceil(workers / perEmployer));
  for (let i = 0; i < employers; i++) {
    const count = Math.min(perEmployer, workers - i * perEmployer);
    yield { code: `F${String(i + 1).padStart(4, '0')}`, csv: workerList(random, i, count) };
  }
}
