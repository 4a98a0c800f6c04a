import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/errors'
import { registerIpc, type IpcGateOptions } from '../../../src/main/shell/ipc'

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Result<unknown>>

const OK: Result<unknown> = { ok: true, value: { state: 'locked' } }
const SECRET = { login: 'zhang.san', password: 'correct horse battery staple' }

function gate(options: IpcGateOptions = {}, handle = vi.fn(async () => OK)) {
  const handlers = new Map<string, Handler>()
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, handler)
    }),
  }
  const log = vi.fn()
  registerIpc(ipcMain as unknown as IpcMain, { handle }, { log, ...options })
  const invoke = (channel: string, frame: unknown, payload: unknown = SECRET) => {
    const handler = handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler({ senderFrame: frame } as IpcMainInvokeEvent, payload)
  }
  return { handlers, handle, log, invoke }
}

const mainFrame = (url: string) => ({ url, parent: null })

describe('registerIpc', () => {
  it('registers every contract channel exactly once, and nothing else', () => {
    const { handlers } = gate()
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort())
  })

  it('forwards a trusted request to the core unchanged and returns its answer', async () => {
    const { invoke, handle } = gate()
    await expect(invoke('auth.unlock', mainFrame('app://concord/index.html'))).resolves.toBe(OK)
    expect(handle).toHaveBeenCalledExactlyOnceWith({ channel: 'auth.unlock', payload: SECRET })
  })

  it('leaves payload checks to the core: any payload from a trusted sender is forwarded', async () => {
    const { invoke, handle } = gate()
    for (const payload of [undefined, null, 'x', { __proto__: { admin: true } }, [1, 2]]) {
      await invoke('settings.update', mainFrame('app://concord/'), payload)
    }
    expect(handle).toHaveBeenCalledTimes(5)
  })

  it.each<[string, unknown, string?]>([
    [
      'a subframe of our page',
      { url: 'app://concord/index.html', parent: mainFrame('app://concord/') },
    ],
    ['another origin', mainFrame('https://evil.com/')],
    ['a look-alike app host', mainFrame('app://concord.evil/index.html')],
    ['a file:// page', mainFrame('file:///C:/Users/x/index.html')],
    ['about:blank', mainFrame('about:blank')],
    ['the dev server origin when none runs', mainFrame('http://localhost:5173/')],
    [
      'another port than the dev server',
      mainFrame('http://localhost:5174/'),
      'http://localhost:5173/',
    ],
    ['a frame that is gone', null],
    [
      'a frame that throws when read',
      {
        get url(): string {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed')
        },
        parent: null,
      },
    ],
  ])('answers FORBIDDEN to %s without calling the core', async (_label, frame, devServerUrl) => {
    const { invoke, handle, log } = gate({ devServerUrl })
    const result = await invoke('auth.unlock', frame)
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'FORBIDDEN' } })
    expect(handle).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledExactlyOnceWith({
      level: 'warn',
      channel: 'auth.unlock',
      code: 'FORBIDDEN',
    })
  })

  it('trusts the dev server origin while it runs', async () => {
    const { invoke, handle } = gate({ devServerUrl: 'http://localhost:5173/' })
    await expect(invoke('app.status', mainFrame('http://localhost:5173/'))).resolves.toBe(OK)
    expect(handle).toHaveBeenCalledOnce()
  })

  it('turns a core failure into INTERNAL instead of a rejected invoke', async () => {
    const handle = vi.fn(() => Promise.reject(new TypeError(`bad ${SECRET.password}`)))
    const { invoke, log } = gate({}, handle)
    const result = await invoke('auth.unlock', mainFrame('app://concord/'))
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'INTERNAL' } })
    expect(log).toHaveBeenCalledExactlyOnceWith({
      level: 'error',
      channel: 'auth.unlock',
      code: 'INTERNAL',
      cause: 'TypeError',
    })
  })

  it('never logs payloads', async () => {
    const handle = vi.fn(() => Promise.reject(new Error(SECRET.password)))
    const { invoke, log } = gate({}, handle)
    await invoke('auth.unlock', mainFrame('https://evil.com/'))
    await invoke('auth.unlock', mainFrame('app://concord/'))
    expect(JSON.stringify(log.mock.calls)).not.toMatch(/zhang|horse/)
  })
})
