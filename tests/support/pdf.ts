import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import JSZip from 'jszip'
import type { Browser } from 'playwright-core'
import type { PdfRenderer } from '../../src/main/core/documents/pdf'

/**
 * The PdfRenderer of the tests (documents/pdf.ts): Chromium's page.pdf, in a context with
 * JavaScript off and no network, as Electron's printToPDF runs in the app.
 */
export async function chromiumPdfRenderer(browser: Browser): Promise<PdfRenderer> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
  return {
    async htmlToPdf(html) {
      const page = await context.newPage()
      try {
        await page.setContent(html, { waitUntil: 'load' })
        return new Uint8Array(
          await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }),
        )
      } finally {
        await page.close()
      }
    },
  }
}

/** Runs a poppler tool (pdftotext, pdffonts, pdfinfo) on the bytes. */
function poppler(tool: string, bytes: Uint8Array, args: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'concord-pdf-'))
  try {
    const file = join(dir, 'in.pdf')
    writeFileSync(file, bytes)
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], {
      encoding: 'utf8',
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export const pdfText = (bytes: Uint8Array) => poppler('pdftotext', bytes, ['-layout'])
export const pdfFonts = (bytes: Uint8Array) => poppler('pdffonts', bytes)
export function pdfPages(bytes: Uint8Array): number {
  return Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', bytes))?.[1])
}

/** The text of a DOCX: word/document.xml with its tags removed. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes)
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? ''
  return xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
}

/** Renders pages to PNG under test-results/documents/ so a person can look at them. */
export function renderPages(bytes: Uint8Array, name: string, pages = 2): string[] {
  const out = resolve('test-results/documents')
  mkdirSync(out, { recursive: true })
  const pdf = join(out, `${name}.pdf`)
  writeFileSync(pdf, bytes)
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    String(pages),
    pdf,
    join(out, name),
  ])
  return [join(out, name)]
}
