/**
 * Word (DOCX) documents in the Decree 30/2020 layout, the counterpart of pdf.ts for offices that
 * edit and sign on paper: Times New Roman, A4 with the decree's margins, the two-column national
 * header (issuing body, number | national title, motto, place and date) and the closing block
 * (recipients | signature). Heavy (docx): load with `import()` from routes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { PRODUCT_NAME, clean, placeDateLine, upperVi } from './pdf.ts';

export const DOCX_FONT = 'Times New Roman';
/** docx sizes are half-points. */
export const pt = (n: number) => Math.round(n * 2);

export interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}
export const run = (text: string, o: RunStyle = {}) =>
  new TextRun({
    text: clean(text),
    font: DOCX_FONT,
    size: pt(o.size ?? 13),
    bold: o.bold,
    italics: o.italics,
    underline: o.underline ? {} : undefined,
  });
export const centred = (children: TextRun[], after = 0) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children });

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const noBorders = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
};
/** A table cell without borders, `widthPct` of the table. */
export const plainCell = (children: Paragraph[], widthPct: number) =>
  new TableCell({
    children,
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    borders: { top: none, bottom: none, left: none, right: none },
  });

const twoColumns = (left: Paragraph[], right: Paragraph[], widths: [number, number]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [new TableRow({ children: [plainCell(left, widths[0]), plainCell(right, widths[1])] })],
  });

/** The national header: parent body and issuing body with the number on the left; national title, motto, place and date on the right. */
export function nationalHeaderTable(h: {
  parentBody: string;
  name: string;
  number: string;
  place: string;
  date: string;
}): Table {
  return twoColumns(
    [
      centred([run(upperVi(h.parentBody), { size: 12 })]),
      centred([run(upperVi(h.name), { size: 12, bold: true })]),
      centred([run('\u2014\u2014\u2014\u2014', { size: 12 })], 120),
      centred([run(`Số: ${h.number}`, { size: 13 })]),
    ],
    [
      centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true })]),
      centred([run('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true, underline: true })], 240),
      centred([run(placeDateLine(h.place, h.date), { size: 13, italics: true })]),
    ],
    [42, 58],
  );
}

/** "Nơi nhận:" with its list on the left, the signer's authority, title and name on the right (`gap`: room for the signature and seal, in twentieths of a point). */
export function closingTable(
  recipients: string[],
  signer: { lines: string[]; title: string; name: string },
  o: { widths?: [number, number]; gap?: number } = {},
): Table {
  const left = recipients.length
    ? [
        new Paragraph({ children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })] }),
        ...recipients.map((r) => new Paragraph({ children: [run(r, { size: 11 })] })),
      ]
    : [new Paragraph({ children: [] })];
  const right = [
    ...signer.lines.map((l) => centred([run(l, { size: 14, bold: true })])),
    centred([run(signer.title, { size: 14, bold: true })], o.gap ?? 1400),
    centred([run(signer.name, { size: 14, bold: true })]),
  ];
  return twoColumns(left, right, o.widths ?? [45, 55]);
}

/** A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; optionally page numbers centred in the top margin from the second page on. */
export function decree30Document(o: {
  title: string;
  description: string;
  children: (Paragraph | Table)[];
  pageNumbers?: boolean;
}): Document {
  return new Document({
    creator: PRODUCT_NAME,
    title: clean(o.title),
    description: o.description,
    styles: { default: { document: { run: { font: DOCX_FONT, size: pt(13) } } } },
    sections: [
      {
        properties: {
          titlePage: o.pageNumbers === true,
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 851 } },
        },
        ...(o.pageNumbers
          ? {
              headers: {
                default: new Header({
                  children: [
                    new Paragraph({
                      alignment: AlignmentType.CENTER,
                      children: [new TextRun({ children: [PageNumber.CURRENT], font: DOCX_FONT, size: pt(13.5) })],
                    }),
                  ],
                }),
                first: new Header({ children: [new Paragraph({ children: [] })] }),
              },
            }
          : {}),
        children: o.children,
      },
    ],
  });
}
