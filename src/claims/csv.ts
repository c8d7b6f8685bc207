import type { FieldError } from '../platform/http/problem.js';
import { invalid } from '../platform/http/problem.js';
import { readCsv } from '../registry/imports/files.js';
import { toMinorUnits } from '../registry/imports/rows.js';

/**
 * A facility's claims as a CSV file, one claim a row: `external_id`, `member_number` (or
 * `visit_number`), `category`, `case_code`, `diagnosis`, `admitted_on`, `discharged_on`,
 * `claimed` in major units ("120.50"), and `lines` as `CODE*quantity@unit price` separated by `;`
 * ("CONSULT*1@3.00; AMOX*10@0.10"). Each row becomes a claim as the API takes it, or the cells
 * that are wrong, named by the row's line in the file.
 */
export interface CsvClaim {
  line: number;
  claim?: Record<string, unknown>;
  errors?: FieldError[];
}

const LINE = /^([A-Za-z0-9_.-]{1,30})\s*\*\s*(\d{1,5})\s*@\s*(\d+(?:\.\d+)?)$/;

export function claimsFromCsv(text: string, facilityId: string, minorUnits: number): CsvClaim[] {
  const rows = readCsv(text);
  if (rows.length === 0) throw invalid('file', 'has no rows under its header');
  const columns = Object.keys(rows[0]!.values);
  for (const needed of ['external_id', 'category', 'admitted_on', 'claimed']) {
    if (!columns.includes(needed)) throw invalid('file', `needs a ${needed} column`);
  }
  return rows.map(({ line, values: v }) => {
    const errors: FieldError[] = [];
    const fail = (field: string, reason: string) => errors.push({ field, reason: `line ${line}: ${reason}` });
    const claimed = toMinorUnits(v.claimed ?? '', minorUnits);
    if (typeof claimed === 'string') fail('claimed', claimed);
    const lines = (v.lines ?? '')
      .split(';')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l, i) => {
        const m = LINE.exec(l);
        if (!m) {
          fail(`lines.${i}`, `"${l}" is not CODE*quantity@price`);
          return null;
        }
        const price = toMinorUnits(m[3]!, minorUnits);
        if (typeof price === 'string') {
          fail(`lines.${i}.unitPrice`, price);
          return null;
        }
        return { code: m[1]!, quantity: Number(m[2]), unitPrice: price };
      });
    if (errors.length) return { line, errors };
    const optional = (value: string | undefined) => (value ? value : undefined);
    return {
      line,
      claim: {
        facilityId,
        externalId: v.external_id,
        memberNumber: optional(v.member_number),
        visitNumber: optional(v.visit_number),
        category: v.category,
        caseCode: optional(v.case_code),
        diagnosis: optional(v.diagnosis),
        admittedOn: v.admitted_on,
        dischargedOn: optional(v.discharged_on),
        claimed,
        lines,
      },
    };
  });
}
