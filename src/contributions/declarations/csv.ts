import type { z } from '@hono/zod-openapi';
import { invalid, invalidFields, type FieldError } from '../../platform/http/problem.js';
import { readCsv } from '../../registry/imports/files.js';
import { toMinorUnits } from '../../registry/imports/rows.js';
import type { DeclarationLineInput } from './schemas.js';

/**
 * A payroll file's lines: `member_number` (or `member_id`), `wage` in major units ("150.50") and
 * `days_worked`. A bad cell is named by its line in the file and its column; nothing is declared.
 */
export function declarationLinesFromCsv(text: string, minorUnits: number): z.infer<typeof DeclarationLineInput>[] {
  const rows = readCsv(text);
  if (rows.length === 0) throw invalid('file', 'has no lines under its header');
  const columns = Object.keys(rows[0]!.values);
  if (!columns.includes('member_number') && !columns.includes('member_id')) {
    throw invalid('file', 'needs a member_number (or member_id) column');
  }
  const errors: (FieldError & { line: number })[] = [];
  const lines = rows.map(({ line, values: v }) => {
    const fail = (field: string, reason: string) => errors.push({ field, reason: `line ${line}: ${reason}`, line });
    let wage: number | null = null;
    if (v.wage) {
      const w = toMinorUnits(v.wage, minorUnits);
      if (typeof w === 'string') fail('wage', w);
      else wage = w;
    }
    let daysWorked: number | null = null;
    if (v.days_worked) {
      daysWorked = Number(v.days_worked);
      if (!/^\d{1,2}$/.test(v.days_worked) || daysWorked > 31)
        fail('days_worked', 'must be a whole number of days from 0 to 31');
    }
    if (!v.member_number && !v.member_id) fail('member_number', 'is required');
    return { memberNumber: v.member_number || undefined, memberId: v.member_id || undefined, wage, daysWorked };
  });
  if (errors.length) throw invalidFields(errors);
  return lines;
}
