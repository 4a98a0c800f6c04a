import { parentPort, workerData } from 'node:worker_threads'
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
}

const port = parentPort
if (!port) throw new Error('worker.ts must run in a worker thread')

const options = workerData as Pick<CoreOptions, 'dataDir' | 'scryptCost'>
const core = createCore({
  ...options,
  log: (event) => port.postMessage({ log: event }),
})

port.on('message', (message: WorkerMessage) => {
  if (message.close) {
    void core.close().then(() => port.postMessage({ id: message.id, closed: true }))
    return
  }
  void core.handle(message.request ?? { channel: undefined }).then((response) => {
    port.postMessage({ id: message.id, response })
  })
})
