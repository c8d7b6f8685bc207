import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * Member cards printed ten to an A4 page, each the size of a bank card (85.6 × 54 mm): the
 * scheme, the photo, the names in local script and Latin letters, the member number, birth date,
 * validity, and the signed QR code (Claim 169) that desk pages check offline.
 */

export interface PrintedCard {
  schemeName: string;
  language: string;
  memberNumber: string;
  nameLatin: string;
  nameLocal: string | null;
  birthDate: string;
  sex: 'F' | 'M';
  validFrom: string;
  validUntil: string;
  /** JPEG or PNG, or null when the member has no photo yet. */
  photo: Uint8Array | null;
  code: string;
}

const LABELS: Record<string, { number: string; born: string; valid: string; noPhoto: string }> = {
  en: { number: 'Member no.', born: 'Born', valid: 'Valid', noPhoto: 'no photo' },
  fr: { number: 'N° de membre', born: 'Né(e) le', valid: 'Valable', noPhoto: 'sans photo' },
  km: { number: 'លេខសមាជិក', born: 'ថ្ងៃកំណើត', valid: 'សុពលភាព', noPhoto: 'គ្មានរូបថត' },
  vi: { number: 'Số thẻ', born: 'Ngày sinh', valid: 'Hiệu lực', noPhoto: 'không có ảnh' },
};

// One Noto face per script: pdfkit draws a run of text in one font, so each run takes the
// first font that has its letters (Latin, Vietnamese's extra letters, Khmer). Vietnamese before
// latin-ext: the latin-ext subset lists some Vietnamese letters but draws them empty.
const require = createRequire(import.meta.url);
const fontFile = (pkg: string, file: string) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files', file);
const FONTS = [
  ['latin', fontFile('@fontsource/noto-sans', 'noto-sans-latin-400-normal.woff')],
  ['vietnamese', fontFile('@fontsource/noto-sans', 'noto-sans-vietnamese-400-normal.woff')],
  ['latin-ext', fontFile('@fontsource/noto-sans', 'noto-sans-latin-ext-400-normal.woff')],
  ['khmer', fontFile('@fontsource/noto-sans-khmer', 'noto-sans-khmer-khmer-400-normal.woff')],
  ['bold', fontFile('@fontsource/noto-sans', 'noto-sans-latin-600-normal.woff')],
  // The member number in bold: digits and Latin capitals only.
] as const;
interface Face {
  name: string;
  file: string;
  has: (cp: number) => boolean;
  /** Whether fontkit can position this text's marks: some Khmer clusters trip its above-base mark positioning. */
  shapes: (text: string) => boolean;
}
let faces: Face[] | undefined;
function fontFaces() {
  faces ??= FONTS.map(([name, file]) => {
    const font = fontkit.openSync(file) as fontkit.Font;
    const shapes = (text: string) => {
      try {
        font.layout(text);
        return true;
      } catch {
        return false;
      }
    };
    return { name, file, has: (cp: number) => font.hasGlyphForCodePoint(cp), shapes };
  });
  return faces;
}

/** Splits text into runs, each in the first font that can draw it; marks stay with their letter. */
export function fontRuns(text: string, fonts: { name: string; has: (cp: number) => boolean }[]) {
  const runs: { font: string; text: string }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const combining = /\p{M}/u.test(ch) || cp === 0x200b || cp === 0x200c || cp === 0x200d;
    const last = runs[runs.length - 1];
    const font = combining && last ? last.font : (fonts.find((f) => f.has(cp)) ?? fonts[0]!).name;
    if (last && (last.font === font || ch === ' ')) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

const MM = 72 / 25.4;
const CARD_W = 85.6 * MM;
const CARD_H = 54 * MM;
const COLUMNS = 2;
const ROWS = 5;

/**
 * The QR code drawn as vector squares, one path filled once: sharper on any printer than a
 * picture of it, and far quicker to make for a factory's thousand cards.
 */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  // Base45 is the alphanumeric mode's own alphabet: one segment, no search for the best split.
  const { modules } = QRCode.create([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel: 'L' });
  const quiet = 1;
  const cell = size / (modules.size + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#ffffff').restore();
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
}

export async function cardsPdf(cards: PrintedCard[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: 'Member cards' } });
  const regular = fontFaces().filter((f) => f.name !== 'bold');
  for (const f of fontFaces()) doc.registerFont(f.name, f.file);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const write = (text: string, x: number, y: number, size: number, width: number) => {
    doc.fontSize(size);
    const runs = fontRuns(text, regular);
    runs.forEach((run, i) => {
      doc.font(run.font);
      const face = regular.find((f) => f.name === run.font)!;
      // Without above-base mark positioning the marks sit a little off, but the name is printed.
      const features = face.shapes(run.text)
        ? undefined
        : ({ abvm: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[]);
      const options = { continued: i < runs.length - 1, width, lineBreak: false, ellipsis: true, features };
      if (i === 0) doc.text(run.text, x, y, options);
      else doc.text(run.text, options);
    });
  };

  for (let i = 0; i < cards.length; i++) {
    if (i % (COLUMNS * ROWS) === 0) doc.addPage();
    const c = cards[i]!;
    const labels = LABELS[c.language] ?? LABELS.en!;
    const slot = i % (COLUMNS * ROWS);
    const x = (595.28 - COLUMNS * CARD_W) / 2 + (slot % COLUMNS) * CARD_W;
    const y = (841.89 - ROWS * CARD_H) / 2 + Math.floor(slot / COLUMNS) * CARD_H;
    // Cutting guides.
    doc
      .lineWidth(0.3)
      .strokeColor('#999999')
      .roundedRect(x + 2, y + 2, CARD_W - 4, CARD_H - 4, 8)
      .stroke();
    doc.fillColor('#0b5394');
    doc
      .font('bold')
      .fontSize(9)
      .text(c.schemeName, x + 10, y + 8, { width: CARD_W - 20, lineBreak: false, ellipsis: true });
    doc.fillColor('#000000');
    const photoW = 20 * MM;
    const photoH = 26 * MM;
    const top = y + 22;
    if (c.photo) {
      doc.image(Buffer.from(c.photo), x + 10, top, { fit: [photoW, photoH], align: 'center', valign: 'center' });
    } else {
      doc.rect(x + 10, top, photoW, photoH).stroke();
      write(labels.noPhoto, x + 12, top + photoH / 2 - 4, 6, photoW - 4);
    }
    const textX = x + 10 + photoW + 6;
    const qrSize = 30 * MM;
    const textW = CARD_W - (textX - x) - qrSize - 12;
    let line = top;
    if (c.nameLocal) {
      write(c.nameLocal, textX, line, 8, textW);
      line += 12;
    }
    write(c.nameLatin, textX, line, 8, textW);
    line += 14;
    write(labels.number, textX, line, 5.5, textW);
    line += 7;
    doc.font('bold').fontSize(9).text(c.memberNumber, textX, line, { width: textW, lineBreak: false });
    line += 13;
    write(`${labels.born} ${c.birthDate} · ${c.sex}`, textX, line, 6, textW);
    line += 9;
    write(labels.valid, textX, line, 5.5, textW);
    line += 7;
    write(`${c.validFrom} – ${c.validUntil}`, textX, line, 6, textW);
    drawQr(doc, c.code, x + CARD_W - qrSize - 8, y + (CARD_H - qrSize) / 2 + 4, qrSize);
  }
  if (!cards.length) doc.addPage().font('latin').fontSize(12).text('No cards', 72, 72);
  doc.end();
  return done;
}
