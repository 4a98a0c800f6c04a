import type { ConcordApi } from '../../shared/api'
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract'
import type { AppError, ErrorCode, Result } from '../../shared/errors'

declare global {
  interface Window {
    /** Built by the preload from the IPC contract; the renderer's only way to the core. */
    readonly concord: ConcordApi
  }
}

/** A refusal from the core, thrown by `call` so that TanStack Query sees it as an error. */
export class ConcordError extends Error {
  readonly code: ErrorCode
  readonly params: NonNullable<AppError['params']>
  readonly fields: NonNullable<AppError['fields']>

  constructor(error: AppError) {
    super(error.message)
    this.name = 'ConcordError'
    this.code = error.code
    this.params = error.params ?? {}
    this.fields = error.fields ?? []
  }
}

/** Looked up on each use: tests install their fake `window.concord` after this module loads. */
export function concord(): ConcordApi {
  return window.concord
}

export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending
  if (!result.ok) throw new ConcordError(result.error)
  return result.value
}

export function isConcordError(error: unknown, code?: ErrorCode): error is ConcordError {
  return error instanceof ConcordError && (code === undefined || error.code === code)
}

/** One channel by name, for code that picks the channel at run time (the case writes). */
export function invoke<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const [namespace, method] = channel.split('.') as [string, string]
  const api = concord() as unknown as Record<
    string,
    Record<string, (input: unknown) => Promise<Result<ChannelOutput<C>>>>
  >
  const send = api[namespace]?.[method]
  if (!send) throw new Error(`no channel ${channel}`)
  return call(send(input))
}
