import { MessageChannel } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import {
  answerPdfRequest,
  isPdfResult,
  workerPdfRenderer,
} from '../../../src/main/core/documents/pdf-bridge'
import type { PdfRenderer } from '../../../src/main/core/documents/pdf'

/** The worker's PdfRenderer reaching the host's over a real message port, as client.ts wires it. */
function bridge(host: PdfRenderer | undefined, errors: unknown[] = []) {
  const { port1: worker, port2: parent } = new MessageChannel()
  const { renderer, receive } = workerPdfRenderer(worker)
  worker.on('message', (message: unknown) => {
    if (isPdfResult(message)) receive(message)
  })
  parent.on('message', (message: unknown) =>
    answerPdfRequest(parent, host, message, (e) => errors.push(e)),
  )
  return {
    renderer,
    close: () => {
      worker.close()
      parent.close()
    },
  }
}

describe('the PDF bridge between the core worker and its host', () => {
  it('carries the HTML to the host and the bytes back, each answer to its own request', async () => {
    const seen: string[] = []
    const { renderer, close } = bridge({
      async htmlToPdf(html) {
        seen.push(html)
        // Answer out of order, so a mix-up between requests would show.
        await new Promise((r) => setTimeout(r, html === 'first' ? 30 : 0))
        return new TextEncoder().encode(`PDF of ${html}`)
      },
    })
    const [a, b] = await Promise.all([renderer.htmlToPdf('first'), renderer.htmlToPdf('second')])
    expect(new TextDecoder().decode(a)).toBe('PDF of first')
    expect(new TextDecoder().decode(b)).toBe('PDF of second')
    expect(seen).toEqual(['first', 'second'])
    close()
  })

  it('turns a host failure into a rejection without the cause crossing over', async () => {
    const errors: unknown[] = []
    const { renderer, close } = bridge(
      { htmlToPdf: () => Promise.reject(new Error('張三 printer path /home/x')) },
      errors,
    )
    await expect(renderer.htmlToPdf('<p>x</p>')).rejects.toThrow('PDF rendering failed')
    expect(errors).toHaveLength(1)
    close()
  })

  it('rejects when the host has no renderer', async () => {
    const { renderer, close } = bridge(undefined)
    await expect(renderer.htmlToPdf('<p>x</p>')).rejects.toThrow('PDF rendering failed')
    close()
  })
})
