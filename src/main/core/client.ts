import { Worker } from 'node:worker_threads'
import type { Result } from '../../shared/errors'
import { answerPdfRequest } from './documents/pdf-bridge'
import type { Core, CoreOptions, CoreRequest } from './router'

type Pending = (value: Result<unknown> | undefined) => void

/**
 * The core as seen from another thread: the same `Core` interface, answered by the worker
 * started from `workerFile`. If the worker dies, pending and later requests get INTERNAL
 * instead of hanging.
 */
export function startCoreWorker(
  workerFile: string,
  options: Pick<CoreOptions, 'dataDir' | 'scryptCost' | 'log' | 'pdf'>,
): Core {
  const { log, pdf, ...workerData } = options
  const worker = new Worker(workerFile, { workerData: { ...workerData, pdf: pdf !== undefined } })
  const pending = new Map<number, Pending>()
  let nextId = 1
  let dead = false

  const failed: Result<unknown> = {
    ok: false,
    error: { code: 'INTERNAL', message: 'INTERNAL' },
  }

  worker.on('message', (message: { id?: number; response?: Result<unknown>; log?: never }) => {
    if (message.log) {
      log?.(message.log)
      return
    }
    const printFailed = (error: unknown) =>
      log?.({
        level: 'error',
        channel: 'documents.pdf',
        code: 'INTERNAL',
        cause: error instanceof Error ? error.name : typeof error,
      })
    if (answerPdfRequest(worker, pdf, message, printFailed)) return
    if (message.id === undefined) return
    pending.get(message.id)?.(message.response)
    pending.delete(message.id)
  })
  const fail = () => {
    dead = true
    for (const resolve of pending.values()) resolve(failed)
    pending.clear()
  }
  worker.on('error', fail)
  worker.on('exit', fail)

  const send = (message: { request?: CoreRequest; close?: true; backupOnExit?: true }) =>
    new Promise<Result<unknown> | undefined>((resolve) => {
      if (dead) return resolve(failed)
      const id = nextId++
      pending.set(id, resolve)
      worker.postMessage({ id, ...message })
    })

  return {
    async handle(request) {
      return (await send({ request })) ?? failed
    },
    async backupOnExit() {
      await send({ backupOnExit: true })
    },
    async close() {
      if (dead) return
      await send({ close: true })
      await worker.terminate()
    },
  }
}
