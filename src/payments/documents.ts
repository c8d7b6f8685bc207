import Papa from 'papaparse';
import { pdfDocument } from '../platform/pdf.js';
import { formatMoney } from '../platform/money.js';
import type { z } from '@hono/zod-openapi';
import type { PaymentRun, Statement } from './schemas.js';

/**
 * A facility's statement for a month, as the facility and the scheme's finance office read it:
 * each category's mechanism, how its amount was reached, and the total. PDF to print and send,
 * CSV for a spreadsheet or an accounting system (amounts in minor units there, as in the API).
 */

type Run = z.infer<typeof PaymentRun>;
type FacilityStatement = z.infer<typeof Statement>;

export interface Scheme {
  name: string;
  currency: string;
  minorUnits: number;
}

const MECHANISMS: Record<string, string> = {
  capitation: 'Capitation',
  case: 'Case-based',
  lump_sum: 'Lump sum',
  fee_for_service: 'Fee for service',
  relative: 'Share of budget',
  adjustment: 'Adjustment',
};

const STATUS: Record<string, string> = { draft: 'DRAFT, not approved', approved: 'Approved', paid: 'Paid' };

export function statementPdf(scheme: Scheme, run: Run, s: FacilityStatement): Promise<Buffer> {
  const { doc, write, finish } = pdfDocument(`Statement ${s.facilityCode} ${run.period}`);
  const money = (n: number) => `${formatMoney(n, scheme.minorUnits)} ${scheme.currency}`;
  doc.addPage();
  const left = 50;
  const width = 495;
  let y = 50;
  doc.fillColor('#0b5394').font('bold').fontSize(16).text(scheme.name, left, y, { width });
  y += 26;
  doc.fillColor('#000000');
  write(`Payment statement for ${run.period}`, left, y, 13, width);
  y += 22;
  write(`${s.facilityName} (${s.facilityCode})`, left, y, 11, width);
  y += 18;
  const status =
    run.status === 'paid'
      ? `Paid on ${run.paidOn}${run.paidReference ? `, ${run.paidReference}` : ''}`
      : STATUS[run.status]!;
  write(`${status} · run ${run.id}`, left, y, 8, width);
  y += 24;

  const cols = [left, left + 95, left + 185, left + 225, left + 405];
  const header = ['Care', 'Paid by', 'Claims', 'How', 'Amount'];
  doc.lineWidth(0.5).strokeColor('#999999');
  header.forEach((h, i) =>
    write(h, cols[i]!, y, 8, i === 4 ? 90 : (cols[i + 1] ?? left + width) - cols[i]! - 5, i === 4 ? 'right' : 'left'),
  );
  y += 12;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .stroke();
  y += 6;
  for (const line of s.lines) {
    if (y > 760) {
      doc.addPage();
      y = 50;
    }
    write(line.category ?? '', cols[0]!, y, 8, 90);
    write(MECHANISMS[line.mechanism] ?? line.mechanism, cols[1]!, y, 8, 85);
    write(line.claims ? String(line.claims) : '', cols[2]!, y, 8, 35);
    doc.font('latin').fontSize(7).text(line.basis, cols[3]!, y, { width: 175 });
    const height = Math.max(12, doc.heightOfString(line.basis, { width: 175 }) + 4);
    write(money(line.amount), cols[4]!, y, 8, 90, 'right');
    y += height;
  }
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .stroke();
  y += 8;
  const totals: [string, number][] = [
    ['Capitation', s.capitation],
    ['Case-based', s.caseBased],
    ['Lump sums', s.lumpSum],
    ['Fees for service', s.feeForService],
    ['Share of budget', s.relative],
    ['Adjustments', s.adjustments],
  ];
  for (const [label, amount] of totals.filter(([, a]) => a !== 0)) {
    write(label, cols[3]!, y, 9, 170);
    write(money(amount), cols[4]!, y, 9, 90, 'right');
    y += 14;
  }
  doc
    .font('bold')
    .fontSize(11)
    .text('Total', cols[3]!, y + 4, { width: 170 });
  doc
    .font('bold')
    .fontSize(11)
    .text(money(s.total), cols[4]!, y + 4, { width: 90, align: 'right' });
  return finish();
}

/** Every statement line of a run (or of one facility), one row each, amounts in minor units. */
export function statementsCsv(scheme: Scheme, run: Run, statements: FacilityStatement[]): string {
  const rows = statements.flatMap((s) =>
    s.lines.map((l) => ({
      period: run.period,
      status: run.status,
      facility_code: s.facilityCode,
      facility_name: s.facilityName,
      category: l.category ?? '',
      mechanism: l.mechanism,
      claims: l.claims,
      basis: l.basis,
      amount: l.amount,
      currency: scheme.currency,
    })),
  );
  const fields = [
    'period',
    'status',
    'facility_code',
    'facility_name',
    'category',
    'mechanism',
    'claims',
    'basis',
    'amount',
    'currency',
  ];
  return Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f as keyof typeof r])) });
}
