import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Seed 003's Angkor Chum scheme (January 2014 to March 2016), as the costing takes it: Table 1's
 * fixed costs with the share of each that went to collecting premiums, the incentives per
 * premium, and the nine quarters' premiums and user fees. Amounts in US cents.
 */
export const ANGKOR_CHUM_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../docs/examples/angkor-chum-collection.json',
);

export const angkorChum = (): unknown => JSON.parse(fs.readFileSync(ANGKOR_CHUM_FILE, 'utf8'));
