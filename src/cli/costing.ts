import fs from 'node:fs';
import { collectionCosting } from '../monitoring/costing/collection.js';
import { CollectionCostingInput } from '../monitoring/costing/schemas.js';

/**
 * `riskpool costing collection FILE`: the premium-collection costing of a JSON file (as the API
 * takes it), printed as JSON. Needs no database: a supporting organisation can cost a scheme
 * before it is on riskpool.
 */
export function costingCollectionCommand(file: string) {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`Cannot read ${file}: ${(err as Error).message}`);
    process.exit(1);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    console.error(`${file} is not JSON: ${(err as Error).message}`);
    process.exit(1);
  }
  const parsed = CollectionCostingInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join('.') || 'input'}: ${issue.message}`);
    process.exit(1);
  }
  console.log(JSON.stringify(collectionCosting(parsed.data), null, 2));
}
