/**
 * A generated document as structure, not layout: each document definition produces one of
 * these, and the DOCX renderer (docx.ts) and the HTML renderer (html.ts, printed to PDF) both
 * read it, so a change to a document's wording is made once and shows in both formats.
 */
export type Block =
  /** The document's name, centred and large: 调解协议书. */
  | { type: 'title'; text: string }
  /** The number line under the title: 〔2026〕家调字第0001号. */
  | { type: 'subtitle'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string; indent?: boolean; align?: 'left' | 'center' | 'right' }
  /** Label–value pairs, printed as a ruled two-column form (登记表 style). */
  | { type: 'fields'; rows: readonly { label: string; value: string }[] }
  | {
      type: 'table'
      columns: readonly string[]
      rows: readonly (readonly string[])[]
      /** Column widths in percent of the text width; even when absent. */
      widths?: readonly number[]
    }
  | { type: 'list'; items: readonly string[] }
  /** A line to sign on per person: "申请人（签名）：________  日期：____年__月__日". */
  | { type: 'signatures'; rows: readonly string[] }
  /** The organization's seal block at the bottom right: name, （盖章）, date. */
  | { type: 'seal'; organization: string; date: string }
  | { type: 'pageBreak' }

export interface DocumentModel {
  title: string
  /** Without extension; the renderer adds .docx or .pdf. */
  fileName: string
  blocks: Block[]
  /** A smaller type size for documents that must fit one page (the case summary). */
  compact?: boolean
  /** Laid out as a file cover: large title low on the page, roomy form. */
  cover?: boolean
  /** Instead of blocks: one empty page per label, the label alone at `style` (page numbers). */
  overlay?: { labels: readonly string[]; style: string }
}
