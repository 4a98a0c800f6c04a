import { parentPort, workerData } from 'node:worker_threads'
import { isPdfResult, workerPdfRenderer } from './documents/pdf-bridge'
import { createCore, type CoreOptions, type CoreRequest } from './router'

/**
 * Entry point of the core's worker thread in the Electron build: SQL and scrypt run here so the
 * main process, and with it every window, never waits on them. Messages are
 * `{ id, request }` in and `{ id, response }` out; `{ id, close: true }` locks and exits.
 */
interface WorkerMessage {
  id: number
  request?: CoreRequest
  close?: true
  backupOnExit?: true
}

const port = parentPort
if (!port) throw new Error('worker.ts must run in a worker thread')

const { pdf: hostPrintsPdf, ...options } = workerData as Pick<
  CoreOptions,
  'dataDir' | 'scryptCost'
> & {
  /** The host answers `{ pdf }` requests (documents/pdf-bridge.ts). */
  pdf?: boolean
}
const pdf = workerPdfRenderer(port)
const core = createCore({
  ...options,
  ...(hostPrintsPdf ? { pdf: pdf.renderer } : {}),
  log: (event) => port.postMessage({ log: event }),
})

port.on('message', (message: WorkerMessage) => {
  if (isPdfResult(message)) {
    pdf.receive(message)
    return
  }
  if (message.close) {
    void core.close().then(() => port.postMessage({ id: message.id, closed: true }))
    return
  }
  if (message.backupOnExit) {
    void core.backupOnExit().then(() => port.postMessage({ id: message.id }))
    return
  }
  void core.handle(message.request ?? { channel: undefined }).then((response) => {
    port.postMessage({ id: message.id, response })
  })
})
