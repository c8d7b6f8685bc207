import QRCode from 'qrcode';
import { pdfDocument } from '../../platform/pdf.js';

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
  const { doc, write, finish } = pdfDocument('Member cards');

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
  return finish();
}
