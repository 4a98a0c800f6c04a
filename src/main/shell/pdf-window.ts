import {
  BrowserWindow,
  session as sessions,
  type BrowserWindowConstructorOptions,
  type Session,
} from 'electron'
import type { PdfRenderer } from '../core/documents/pdf'
import { denyAllPermissions } from './permissions'

/**
 * The app's PdfRenderer (core/documents/pdf.ts): Electron's printToPDF in a hidden window that
 * can do nothing but lay out the one page it is given. Documents carry names, ID numbers and
 * case records, and their text was typed by people, so the window is as closed as a window
 * gets:
 * - JavaScript off, sandboxed, no preload, no Node: markup that slipped past escaping still
 *   cannot run;
 * - its own in-memory session (no "persist:" partition: no cache, cookies or storage on disk),
 *   every permission denied, every request cancelled except the page itself — a data: URL
 *   whose HTML carries its own CSP (default-src 'none');
 * - a fresh window per document, destroyed after printing, one document at a time.
 */
export const PDF_PARTITION = 'concord-pdf'
export const PRINT_TIMEOUT_MS = 60_000

export function pdfWindowOptions(session: Session): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      session,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      enableWebSQL: false,
      spellcheck: false,
      devTools: false,
    },
  }
}

/** The isolated session: only the data: URL of the page being printed may load. */
export function printSession(): Session {
  const session = sessions.fromPartition(PDF_PARTITION, { cache: false })
  denyAllPermissions(session)
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !details.url.startsWith('data:text/html') })
  })
  return session
}

async function printOnce(session: Session, html: string): Promise<Uint8Array> {
  const window = new BrowserWindow(pdfWindowOptions(session))
  let timer: NodeJS.Timeout | undefined
  try {
    const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`
    const printed = (async () => {
      await window.webContents.loadURL(url)
      // Margins come from the page's own @page rule, as in Chromium's page.pdf in the tests.
      return window.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
      })
    })()
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('print timeout')), PRINT_TIMEOUT_MS)
    })
    return new Uint8Array(await Promise.race([printed, timeout]))
  } finally {
    clearTimeout(timer)
    window.destroy()
  }
}

/**
 * The renderer handed to the core's worker. `ready` resolves once Electron may create
 * sessions and windows (app.whenReady); jobs wait for it and then run one at a time.
 */
export function createPdfRenderer(ready: () => Promise<void>): PdfRenderer {
  let session: Session | undefined
  let queue: Promise<unknown> = Promise.resolve()
  return {
    htmlToPdf(html) {
      const job = queue.then(async () => {
        await ready()
        session ??= printSession()
        return printOnce(session, html)
      })
      // A failed job must not block the next one; the caller still sees its own failure.
      queue = job.catch(() => undefined)
      return job
    },
  }
}
