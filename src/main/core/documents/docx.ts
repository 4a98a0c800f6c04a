import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx'
import { GAP } from './definitions/common'
import { SIGN_LINE } from './html'
import type { Block, DocumentModel } from './model'

/**
 * The DOCX half of the document renderers (what organizations edit and print): the same
 * model as the PDF, in Word's terms. 宋体 for text and 黑体 for headings, the fonts every
 * Chinese Windows PC has; A4 with page numbers in the footer.
 */
const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' }
const HEI = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体' }
/** Half-points. */
const SIZE = { body: 24, compact: 18, heading: 26, title: 40 }
const MM = 56.7 // twips per millimetre

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER }
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE }

/** Text with its line breaks kept: Word ignores "\n" inside a run. */
function lines(text: string, options: IRunOptions): TextRun[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ ...options, text: line, break: i > 0 ? 1 : 0 }))
}

function cell(text: string, size: number, header = false, width?: number): TableCell {
  return new TableCell({
    borders: BORDERS,
    ...(width === undefined ? {} : { width: { size: width, type: WidthType.PERCENTAGE } }),
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } } : {}),
    children: [
      new Paragraph({
        children: lines(text, { size, bold: header, font: header ? HEI : SONG }),
      }),
    ],
  })
}

function table(rows: TableRow[]): Table {
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows })
}

function blocks(b: Block, size: number): (Paragraph | Table)[] {
  const run = (text: string, options: IRunOptions = {}) =>
    new TextRun({ text, size, font: SONG, ...options })
  switch (b.type) {
    case 'title':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 120, after: 80 },
          children: [new TextRun({ text: b.text, bold: true, size: SIZE.title, font: HEI })],
        }),
      ]
    case 'subtitle':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240 },
          children: [run(b.text)],
        }),
      ]
    case 'heading':
      return [
        new Paragraph({
          spacing: { before: 240, after: 80 },
          children: [new TextRun({ text: b.text, bold: true, size: SIZE.heading, font: HEI })],
        }),
      ]
    case 'paragraph':
      return [
        new Paragraph({
          alignment:
            b.align === 'center'
              ? AlignmentType.CENTER
              : b.align === 'right'
                ? AlignmentType.RIGHT
                : AlignmentType.JUSTIFIED,
          ...(b.indent ? { indent: { firstLine: size * 20 } } : {}),
          children: lines(b.text, { size, font: SONG }),
        }),
      ]
    case 'fields':
      return [
        table(
          b.rows.map(
            (r) =>
              new TableRow({
                children: [cell(r.label, size, true, 22), cell(r.value, size, false, 78)],
              }),
          ),
        ),
      ]
    case 'table':
      return [
        table([
          new TableRow({
            tableHeader: true,
            children: b.columns.map((c, i) => cell(c, size, true, b.widths?.[i])),
          }),
          ...b.rows.map(
            (row) =>
              new TableRow({ children: row.map((c, i) => cell(c, size, false, b.widths?.[i])) }),
          ),
        ]),
      ]
    case 'list':
      return b.items.map(
        (item, i) =>
          new Paragraph({
            indent: { left: 480, hanging: 480 },
            children: [run(`${i + 1}．${item}`)],
          }),
      )
    case 'signatures': {
      const unruled = (children: TextRun[], width: number) =>
        new TableCell({
          borders: NO_BORDERS,
          width: { size: width, type: WidthType.PERCENTAGE },
          children: [new Paragraph({ spacing: { before: 240 }, children })],
        })
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders: TableBorders.NONE,
          rows: b.rows.map(
            (row) =>
              new TableRow({
                children: [
                  unruled([run(row)], 40),
                  unruled([run(SIGN_LINE.sign), run(GAP.repeat(5), { underline: {} })], 25),
                  unruled([run(SIGN_LINE.date)], 35),
                ],
              }),
          ),
        }),
      ]
    }
    case 'seal':
      return [b.organization, '（盖章）', b.date].map(
        (text, i) =>
          new Paragraph({
            alignment: AlignmentType.CENTER,
            indent: { left: Math.round(95 * MM) },
            spacing: { before: i === 0 ? 480 : 60 },
            children: [run(text)],
          }),
      )
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })]
  }
}

export async function renderDocx(model: DocumentModel): Promise<Uint8Array> {
  const size = model.compact ? SIZE.compact : SIZE.body
  const margin = Math.round((model.compact ? 14 : 25) * MM)
  const document = new Document({
    title: model.title,
    creator: 'Concord',
    styles: { default: { document: { run: { font: SONG, size } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: margin, bottom: margin, left: margin, right: margin },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页'], size: 18 })],
              }),
            ],
          }),
        },
        children: model.blocks.flatMap((b) => blocks(b, size)),
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
