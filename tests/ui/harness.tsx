import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { App } from '../../src/renderer/src/App'
import { buildApi, type ConcordApi } from '../../src/shared/api'
import {
  CHANNELS,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
} from '../../src/shared/contract'
import type { AppError, ErrorCode, Result } from '../../src/shared/errors'
import type { Status } from '../../src/shared/schemas/account'

type Handler<C extends Channel> = (
  input: ChannelInput<C>,
) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>
export type Handlers = { [C in Channel]?: Handler<C> }

export const ok = <T,>(value: T): Result<T> => ({ ok: true, value })
export const refuse = (code: ErrorCode, params?: AppError['params']): Result<never> => ({
  ok: false,
  error: { code, message: `core says ${code}`, ...(params ? { params } : {}) },
})

export const ADMIN = { id: 'u1', login: 'ouyang', displayName: '欧阳明远', role: 'admin' as const }

export function status(state: Status['state'], changes: Partial<Status> = {}): Status {
  return {
    state,
    language: 'zh-CN',
    session:
      state === 'unlocked'
        ? {
            user: ADMIN,
            mustChangePassword: false,
            orgName: '浦江测试人民调解委员会',
            idleLockMinutes: 10,
          }
        : null,
    ...changes,
  }
}

/**
 * A stand-in for the preload's `window.concord`, built by the same buildApi() so that the UI
 * sees the real surface. Unhandled channels refuse like an unknown channel; `calls` records
 * every request in order.
 */
export function installFakeConcord(handlers: Handlers) {
  const calls: { channel: Channel; payload: unknown }[] = []
  const invoke = async (channel: string, payload: unknown) => {
    calls.push({ channel: channel as Channel, payload })
    const handler = handlers[channel as Channel] as ((input: unknown) => unknown) | undefined
    return handler ? handler(payload) : refuse('UNKNOWN_CHANNEL')
  }
  const api = buildApi(CHANNELS, invoke) as ConcordApi
  Object.defineProperty(window, 'concord', { value: api, configurable: true })
  return {
    calls,
    payloadsOf: (channel: Channel) =>
      calls.filter((call) => call.channel === channel).map((call) => call.payload),
  }
}

export function renderApp() {
  return { user: userEvent.setup(), ...render(<App env="test" />) }
}
