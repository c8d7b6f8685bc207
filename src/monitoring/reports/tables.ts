import { z } from '@hono/zod-openapi';
import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import Papa from 'papaparse';
import { pdfDocument } from '../../platform/pdf.js';

/** A report as a table: what its CSV, XLSX and PDF are made from. */
export interface Table {
  title: string;
  columns: { key: string; label: string; numeric?: boolean }[];
  rows: Record<string, string | number | null>[];
}

export const tableCsv = (t: Table) =>
  Papa.unparse({
    fields: t.columns.map((c) => c.label),
    data: t.rows.map((r) => t.columns.map((c) => r[c.key] ?? '')),
  });

/** A workbook of one sheet per table (the first the report, others such as its definitions). */
export async function tableXlsx(...tables: Table[]) {
  const book = new ExcelJS.Workbook();
  book.creator = 'riskpool';
  for (const t of tables) {
    const sheet = book.addWorksheet(t.title.slice(0, 31).replace(/[[\]*?:/\\]/g, ' '));
    sheet.columns = t.columns.map((c) => ({ header: c.label, key: c.key, width: c.numeric ? 14 : 30 }));
    for (const r of t.rows) sheet.addRow(r);
    sheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export type FileFormat = 'csv' | 'xlsx' | 'pdf';

/** `?format=` of a result that is also a report: JSON for the screen, or a file. */
export const FormatQuery = z.object({
  format: z
    .enum(['json', 'csv', 'xlsx', 'pdf'])
    .default('json')
    .openapi({ description: 'json for the screen; csv, xlsx or pdf for the same result as a file' }),
});

const TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** A report file as a download: named, typed by its format. */
export const fileAnswer = (c: Context, format: FileFormat, name: string, body: string | Buffer) =>
  c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
    'content-disposition': `attachment; filename="${name}.${format}"`,
    'content-type': TYPES[format],
  });

/**
 * Landscape, the columns shared out over the width; long tables run over pages. Several tables
 * (a costing's lines, its periods and its totals) follow one another, each under its title.
 */
export function tablePdf(tables: Table | Table[], schemeName: string): Promise<Buffer> {
  const list = Array.isArray(tables) ? tables : [tables];
  const { doc, write, finish } = pdfDocument(`${schemeName}: ${list[0]!.title}`, { layout: 'landscape' });
  const left = 40;
  const width = 762;
  const first = 150;
  let y = 0;
  doc.addPage();
  y = 40;
  doc.fillColor('#0b5394').font('bold').fontSize(14).text(schemeName, left, y, { width });
  y += 20;
  doc.fillColor('#000000');
  for (const t of list) {
    const rest = t.columns.length > 1 ? (width - first) / (t.columns.length - 1) : width;
    const x = (i: number) => (i === 0 ? left : left + first + (i - 1) * rest);
    const header = () => {
      t.columns.forEach((c, i) =>
        write(c.label, x(i), y, 7.5, (i === 0 ? first : rest) - 4, c.numeric ? 'right' : 'left'),
      );
      y += 12;
    };
    if (y > 500) {
      doc.addPage();
      y = 40;
    }
    write(t.title, left, y, 11, width);
    y += 22;
    header();
    for (const r of t.rows) {
      if (y > 560) {
        doc.addPage();
        y = 40;
        header();
      }
      t.columns.forEach((c, i) =>
        write(
          r[c.key] === null || r[c.key] === undefined ? '—' : String(r[c.key]),
          x(i),
          y,
          7.5,
          (i === 0 ? first : rest) - 4,
          c.numeric ? 'right' : 'left',
        ),
      );
      y += 10;
    }
    y += 16;
  }
  return finish();
}

/** Several tables in one CSV file: each under a line with its title, a blank line between. */
export const tablesCsv = (tables: Table[]) =>
  tables.length === 1
    ? tableCsv(tables[0]!)
    : tables.map((t) => `${Papa.unparse([[t.title]])}\n${tableCsv(t)}`).join('\n\n');

/** A result given as tables, in the format asked for: JSON for the screen, or a file. */
export async function tablesAnswer(
  c: Context,
  tables: Table[],
  format: 'json' | FileFormat,
  title: string,
  file: string,
) {
  if (format === 'json') return c.json(tables.length === 1 ? tables[0] : tables, 200);
  if (format === 'csv') return fileAnswer(c, format, file, tablesCsv(tables));
  if (format === 'xlsx') return fileAnswer(c, format, file, await tableXlsx(...tables));
  return fileAnswer(c, format, file, await tablePdf(tables, title));
}

/** The digits after the point of a currency (2 for USD, 0 for KHR and XOF), as ISO 4217 gives them. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An amount in minor units as a number in major units, for a spreadsheet's cell. */
export const major = (amount: number | null, digits: number) => (amount === null ? null : amount / 10 ** digits);
