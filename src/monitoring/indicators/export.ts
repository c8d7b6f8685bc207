import { pdfDocument } from '../../platform/pdf.js';
import type { Table } from '../reports/tables.js';

interface Values {
  period: string;
  from: string;
  to: string;
  breakdown: string;
  level?: string;
  indicators: {
    code: string;
    name: string;
    description: string;
    unit: string;
    values: {
      period: string;
      key: string;
      name: string | null;
      numerator: number;
      denominator: number;
      value: number | null;
    }[];
  }[];
}

const COLUMNS = [
  'indicator',
  'name',
  'unit',
  'period',
  'breakdown',
  'key',
  'where',
  'numerator',
  'denominator',
  'value',
] as const;

/** One row per value, the same in every format: what a spreadsheet or a DHIS2 import reads. */
export function valuesTable(v: Values): Table {
  return {
    title: 'Indicators',
    columns: COLUMNS.map((key) => ({ key, label: key, numeric: ['numerator', 'denominator', 'value'].includes(key) })),
    rows: v.indicators.flatMap((i) =>
      i.values.map((x) => ({
        indicator: i.code,
        name: i.name,
        unit: i.unit,
        period: x.period,
        breakdown: v.breakdown === 'area' ? `area:${v.level}` : v.breakdown,
        key: x.key,
        where: x.name ?? 'the scheme',
        numerator: x.numerator,
        denominator: x.denominator,
        value: x.value,
      })),
    ),
  };
}

/** The indicators' definitions, the second sheet of the workbook. */
export const definitionsTable = (v: Values): Table => ({
  title: 'Definitions',
  columns: [
    { key: 'code', label: 'indicator' },
    { key: 'name', label: 'name' },
    { key: 'description', label: 'definition' },
  ],
  rows: v.indicators.map((i) => ({ code: i.code, name: i.name, description: i.description })),
});

/** A printable report: each indicator with its definition and a table of its values. */
export function valuesPdf(v: Values, schemeName: string): Promise<Buffer> {
  const { doc, write, finish } = pdfDocument(`${schemeName}: indicators`);
  const left = 50;
  const width = 495;
  let y = 0;
  const page = () => {
    doc.addPage();
    y = 50;
  };
  page();
  doc.fillColor('#0b5394').font('bold').fontSize(15).text(schemeName, left, y, { width });
  y += 24;
  doc.fillColor('#000000');
  write(
    `Indicators by ${v.period}, ${v.from} to ${v.to}${v.breakdown !== 'scheme' ? `, by ${v.breakdown}${v.level ? ` (${v.level})` : ''}` : ''}`,
    left,
    y,
    11,
    width,
  );
  y += 24;
  const cols = [left, left + 150, left + 230, left + 320, left + 410];
  for (const i of v.indicators) {
    if (y > 700) page();
    doc.font('bold').fontSize(10).text(i.name, left, y, { width });
    y += 14;
    doc.font('latin').fontSize(7.5).fillColor('#444444').text(i.description, left, y, { width });
    y = doc.y + 6;
    doc.fillColor('#000000');
    ['Where', 'Period', 'Numerator', 'Denominator', 'Value'].forEach((h, j) =>
      write(h, cols[j]!, y, 7.5, j === 0 ? 145 : 85, j >= 2 ? 'right' : 'left'),
    );
    y += 11;
    for (const x of i.values) {
      if (y > 790) page();
      const cells = [
        x.name ?? 'the scheme',
        x.period,
        String(x.numerator),
        String(x.denominator),
        x.value === null ? '—' : String(x.value),
      ];
      cells.forEach((c, j) => write(c, cols[j]!, y, 7.5, j === 0 ? 145 : 85, j >= 2 ? 'right' : 'left'));
      y += 10;
    }
    y += 12;
  }
  return finish();
}
