import { PDFDocument, type PDFPage } from 'pdf-lib'
import { renderHtml } from './html'
import type { Block, DocumentModel } from './model'

/**
 * The platform's way of printing HTML to PDF (DESIGN.md §1: platform effects come in through
 * small injected interfaces). In the app it is Electron's printToPDF in a hidden window with
 * JavaScript off (src/main/shell/pdf-window.ts), reached from the worker through the host
 * (client.ts ↔ worker.ts); in tests it is Chromium's page.pdf. The core never imports either.
 *
 * Contract: `html` is a complete, self-contained page (no script, no external resource, its
 * own CSP); the answer is the PDF's bytes, A4, with the CSS's page margins. The renderer must
 * not load anything the page names, run scripts, or keep the HTML after answering.
 */
export interface PdfRenderer {
  htmlToPdf(html: string): Promise<Uint8Array>
}

/**
 * Numbers on pages that already exist (merged scans, printed documents), drawn by the platform
 * renderer as a transparent A4 overlay and laid over each page's corner, so the digits use an
 * embedded font like the rest of the file rather than an unembedded standard PDF font.
 */
export async function stampPageNumbers(
  renderer: PdfRenderer,
  pdf: PDFDocument,
  pages: readonly PDFPage[],
  labels: readonly string[],
  position: 'bottom' | 'topRight' = 'bottom',
): Promise<void> {
  if (pages.length === 0) return
  const overlay = await PDFDocument.load(await renderer.htmlToPdf(numbersHtml(labels, position)))
  const embedded = await pdf.embedPages(overlay.getPages().slice(0, pages.length))
  pages.forEach((page, i) => {
    const stamp = embedded[i]
    if (!stamp) return
    const { width, height } = page.getSize()
    // Aligned on the corner the number sits in, so a page of another size still gets it there.
    const x = position === 'bottom' ? (width - stamp.width) / 2 : width - stamp.width
    page.drawPage(stamp, { x, y: position === 'bottom' ? 0 : height - stamp.height })
  })
}

function numbersHtml(labels: readonly string[], position: 'bottom' | 'topRight'): string {
  const place =
    position === 'bottom'
      ? 'bottom: 9mm; left: 0; right: 0; text-align: center'
      : 'top: 10mm; right: 14mm'
  return renderHtml({
    title: 'page numbers',
    fileName: '',
    blocks: [],
    overlay: { labels, style: place },
  })
}

/**
 * HTML handed to the renderer in one piece stays well under what a data: URL may carry in
 * Chromium (2 MB); a longer document (a batch of dozens of household agreements) is printed in
 * chunks split at its page breaks and merged.
 */
const MAX_HTML_CHARS = 400_000

function chunks(model: DocumentModel): DocumentModel[] {
  const sections: Block[][] = [[]]
  for (const block of model.blocks) {
    if (block.type === 'pageBreak') sections.push([])
    else sections.at(-1)?.push(block)
  }
  const result: Block[][] = []
  let size = 0
  for (const section of sections) {
    const length = renderHtml({ ...model, blocks: section }).length
    if (result.length === 0 || size + length > MAX_HTML_CHARS) {
      result.push([...section])
      size = length
    } else {
      result.at(-1)?.push({ type: 'pageBreak' }, ...section)
      size += length
    }
  }
  return result.map((blocks) => ({ ...model, blocks }))
}

/** One document as PDF: the model's HTML printed by the platform, numbered "n / N" if longer than a page. */
export async function renderPdf(renderer: PdfRenderer, model: DocumentModel): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  for (const part of chunks(model)) {
    const printed = await PDFDocument.load(await renderer.htmlToPdf(renderHtml(part)))
    for (const page of await pdf.copyPages(printed, printed.getPageIndices())) pdf.addPage(page)
  }
  const pages = pdf.getPages()
  if (pages.length > 1) {
    const labels = pages.map((_, i) => `${i + 1} / ${pages.length}`)
    await stampPageNumbers(renderer, pdf, pages, labels)
  }
  pdf.setTitle(model.title)
  pdf.setProducer('Concord')
  pdf.setCreator('Concord')
  return pdf.save()
}
