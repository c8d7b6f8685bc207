import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { invalid } from '../../platform/http/problem.js';

/** One data row of a worker list, keyed by normalised column name, with its line in the file. */
export interface SourceRow {
  line: number;
  values: Record<string, string>;
}

export type FileFormat = 'csv' | 'xlsx';

/** What the file is, from its name, its declared type, or its first bytes (XLSX is a ZIP). */
export function detectFormat(bytes: Uint8Array, hint?: string): FileFormat {
  const h = (hint ?? '').toLowerCase();
  if (h.endsWith('.xlsx') || h.includes('spreadsheetml')) return 'xlsx';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  return 'csv';
}

export const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

export function readCsv(text: string): SourceRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const [header, ...data] = parsed.data;
  if (!header || header.every((h) => h.trim() === '')) throw invalid('file', 'has no header row');
  const names = header.map(normaliseHeader);
  const rows: SourceRow[] = [];
  data.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return; // blank lines are not rows
    const values: Record<string, string> = {};
    names.forEach((name, j) => (values[name] = (cells[j] ?? '').trim()));
    rows.push({ line: i + 2, values });
  });
  return rows;
}

export async function readXlsx(bytes: Uint8Array): Promise<SourceRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    throw invalid('file', 'could not be read as an XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('file', 'has no worksheet');
  const names: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (names[col] = normaliseHeader(cellText(cell.value))));
  if (names.every((n) => !n)) throw invalid('file', 'has no header row');
  const rows: SourceRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const values: Record<string, string> = {};
    names.forEach((name, col) => name && (values[name] = cellText(row.getCell(col).value).trim()));
    if (Object.values(values).some((v) => v !== '')) rows.push({ line, values });
  });
  return rows;
}

/** Spreadsheet cells hold dates, numbers and rich text; a worker list wants their text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

export async function readRows(bytes: Uint8Array, format: FileFormat): Promise<SourceRow[]> {
  return format === 'xlsx' ? readXlsx(bytes) : readCsv(new TextDecoder('utf-8').decode(bytes));
}
