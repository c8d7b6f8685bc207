import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * Printed documents (member cards, facilities' statements) in any of the scheme's scripts: Latin,
 * Vietnamese and Khmer, from the Noto faces the app bundles, so nothing depends on the fonts of
 * the machine it runs on.
 */

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
  // Bold, for numbers and headings: Latin letters and digits only.
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

/**
 * A PDF document with the fonts registered and `write`, which prints a line of text in whatever
 * scripts it holds; `finish` ends it and answers its bytes.
 */
export function pdfDocument(title: string, options: PDFKit.PDFDocumentOptions = {}) {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: title }, ...options });
  const regular = fontFaces().filter((f) => f.name !== 'bold');
  for (const f of fontFaces()) doc.registerFont(f.name, f.file);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const write = (text: string, x: number, y: number, size: number, width: number, align: 'left' | 'right' = 'left') => {
    doc.fontSize(size);
    const runs = fontRuns(text, regular);
    runs.forEach((run, i) => {
      doc.font(run.font);
      const face = regular.find((f) => f.name === run.font)!;
      // Without above-base mark positioning the marks sit a little off, but the name is printed.
      const features = face.shapes(run.text)
        ? undefined
        : ({ abvm: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[]);
      const options = { continued: i < runs.length - 1, width, lineBreak: false, ellipsis: true, features, align };
      if (i === 0) doc.text(run.text, x, y, options);
      else doc.text(run.text, options);
    });
  };

  const finish = () => {
    doc.end();
    return done;
  };
  return { doc, write, finish };
}
