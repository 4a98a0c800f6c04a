import type { MessagePort, Worker } from 'node:worker_threads'
import type { PdfRenderer } from './pdf'

/**
 * The PdfRenderer across the worker boundary: the core in its worker asks the host (the
 * Electron main process, which owns windows) to print, and the host answers. Messages:
 * worker → host `{ pdf: { id, html } }`, host → worker `{ pdfResult: { id, bytes } }` or
 * `{ pdfResult: { id, failed: true } }` — the cause stays in the host, never in the message.
 */
interface PdfRequest {
  pdf: { id: number; html: string }
}
interface PdfResult {
  pdfResult: { id: number; bytes?: Uint8Array; failed?: true }
}

export function isPdfResult(message: unknown): message is PdfResult {
  return typeof message === 'object' && message !== null && 'pdfResult' in message
}

function isPdfRequest(message: unknown): message is PdfRequest {
  return typeof message === 'object' && message !== null && 'pdf' in message
}

/** Worker side: a PdfRenderer whose answers arrive through `receive`. */
export function workerPdfRenderer(port: Pick<MessagePort, 'postMessage'>) {
  const pending = new Map<number, { resolve(bytes: Uint8Array): void; reject(e: Error): void }>()
  let nextId = 1
  const renderer: PdfRenderer = {
    htmlToPdf: (html) =>
      new Promise((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve, reject })
        port.postMessage({ pdf: { id, html } } satisfies PdfRequest)
      }),
  }
  const receive = ({ pdfResult }: PdfResult) => {
    const waiting = pending.get(pdfResult.id)
    pending.delete(pdfResult.id)
    if (pdfResult.bytes) waiting?.resolve(pdfResult.bytes)
    else waiting?.reject(new Error('PDF rendering failed'))
  }
  return { renderer, receive }
}

/** Host side: answers the worker's print requests with `renderer`. True if `message` was one. */
export function answerPdfRequest(
  worker: Pick<Worker, 'postMessage'>,
  renderer: PdfRenderer | undefined,
  message: unknown,
  onError: (error: unknown) => void,
): boolean {
  if (!isPdfRequest(message)) return false
  const { id, html } = message.pdf
  const reply = (result: PdfResult['pdfResult']) => worker.postMessage({ pdfResult: result })
  if (!renderer) {
    reply({ id, failed: true })
    return true
  }
  renderer.htmlToPdf(html).then(
    (bytes) => reply({ id, bytes }),
    (error: unknown) => {
      onError(error)
      reply({ id, failed: true })
    },
  )
  return true
}
