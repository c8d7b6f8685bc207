import { loadDemo } from '../demo/demo.js';
import { withDatabase } from './context.js';

export const demoCommand = (opts: { seed: string }) =>
  withDatabase(async (db) => {
    const id = await loadDemo(db, Number(opts.seed));
    console.log(
      `Demo scheme loaded: ${id}. Create its users with \`riskpool user create NAME --role administrator --scheme ${id}\`.`,
    );
  });
