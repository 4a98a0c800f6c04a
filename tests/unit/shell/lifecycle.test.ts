import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../../src/shared/contract'

type Listener = (...args: unknown[]) => void

const fake = vi.hoisted(() => {
  const state = {
    lock: true,
    isPackaged: false,
    resolveReady: () => {},
    closeCore: (): Promise<void> => Promise.resolve(),
  }
  const listeners = new Map<string, Listener>()
  const paths = new Map([['appData', '/home/mediator/.config']])
  const windows: FakeWindow[] = []

  class FakeWindow {
    readonly loadURL = vi.fn((_url: string) => Promise.resolve())
    readonly show = vi.fn()
    readonly focus = vi.fn()
    readonly restore = vi.fn()
    minimized = false
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      windows.push(this)
    }
    once() {
      return this
    }
    isDestroyed() {
      return false
    }
    isMinimized() {
      return this.minimized
    }
  }

  const app = {
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    enableSandbox: vi.fn(),
    getPath: vi.fn((name: string) => paths.get(name) ?? `/unset/${name}`),
    setPath: vi.fn((name: string, path: string) => paths.set(name, path)),
    on: vi.fn((name: string, listener: Listener) => listeners.set(name, listener)),
    whenReady: vi.fn(
      () =>
        new Promise<void>((resolve) => {
          state.resolveReady = resolve
        }),
    ),
    get isPackaged() {
      return state.isPackaged
    },
  }
  const core = {
    handle: vi.fn(),
    backupOnExit: vi.fn(() => Promise.resolve()),
    close: vi.fn(() => state.closeCore()),
  }
  return {
    state,
    listeners,
    paths,
    windows,
    core,
    startCoreWorker: vi.fn((_file: string, _options: unknown) => core),
    electron: {
      app,
      BrowserWindow: FakeWindow,
      ipcMain: { handle: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
          setDevicePermissionHandler: vi.fn(),
        },
      },
      shell: { openExternal: vi.fn(() => Promise.resolve()) },
    },
  }
})

vi.mock('electron', () => fake.electron)
vi.mock('../../../src/main/core/client', () => ({ startCoreWorker: fake.startCoreWorker }))

const SHELL_DIR = join(import.meta.dirname, '../../../src/main/shell')
const { app, ipcMain, protocol, session } = fake.electron
const tick = () => new Promise((resolve) => setImmediate(resolve))

async function start(options: { lock?: boolean; isPackaged?: boolean; rendererUrl?: string } = {}) {
  fake.state.lock = options.lock ?? true
  fake.state.isPackaged = options.isPackaged ?? false
  if (options.rendererUrl) vi.stubEnv('ELECTRON_RENDERER_URL', options.rendererUrl)
  else vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
  vi.resetModules()
  await import('../../../src/main/shell/index')
}

async function ready() {
  fake.state.resolveReady()
  await tick()
}

function emit(name: string, ...args: unknown[]) {
  const listener = fake.listeners.get(name)
  if (!listener) throw new Error(`no ${name} listener`)
  listener(...args)
}

const quitEvent = () => ({ preventDefault: vi.fn() })

/** A fresh appData per test: the shell writes its log files under it. */
let appData: string

beforeEach(() => {
  appData = mkdtempSync(join(tmpdir(), 'concord-appdata-'))
  fake.paths.clear()
  fake.paths.set('appData', appData)
  vi.clearAllMocks()
  fake.listeners.clear()
  fake.windows.length = 0
  fake.state.closeCore = () => Promise.resolve()
})
afterEach(() => {
  rmSync(appData, { recursive: true, force: true })
  vi.unstubAllEnvs()
  vi.useRealTimers()
})

describe('single-instance lock', () => {
  it('quits, and starts no core, IPC or window, when another instance holds the lock', async () => {
    await start({ lock: false })
    await ready()
    expect(app.quit).toHaveBeenCalledOnce()
    expect(fake.startCoreWorker).not.toHaveBeenCalled()
    expect(ipcMain.handle).not.toHaveBeenCalled()
    expect(protocol.handle).not.toHaveBeenCalled()
    expect(fake.windows).toHaveLength(0)
  })

  it('focuses the existing window when a second instance starts', async () => {
    await start()
    emit('second-instance')
    await ready()
    const [window] = fake.windows
    if (!window) throw new Error('no window')
    window.minimized = true
    emit('second-instance')
    expect(window.restore).toHaveBeenCalledOnce()
    expect(window.focus).toHaveBeenCalledOnce()
  })
})

describe('start-up', () => {
  it('before ready: enables the sandbox, registers the scheme, starts the core, wires IPC', async () => {
    await start()
    expect(app.enableSandbox).toHaveBeenCalledOnce()
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce()
    expect(app.setPath).toHaveBeenCalledWith('userData', join(appData, 'Concord'))
    expect(fake.startCoreWorker).toHaveBeenCalledExactlyOnceWith(join(SHELL_DIR, 'worker.js'), {
      dataDir: join(appData, 'Concord', 'casebase'),
      log: expect.any(Function),
      pdf: { htmlToPdf: expect.any(Function) },
    })
    expect(ipcMain.handle.mock.calls.map(([channel]) => channel)).toEqual(CHANNELS)
    expect(protocol.handle).not.toHaveBeenCalled()
    expect(fake.windows).toHaveLength(0)
  })

  it('after ready: denies permissions, serves app:// and opens one sandboxed window on it', async () => {
    await start()
    await ready()
    const { defaultSession } = session
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce()
    expect(defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce()
    expect(protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function))
    expect(fake.windows).toHaveLength(1)
    const [window] = fake.windows
    expect(window?.options.webPreferences).toMatchObject({
      preload: join(SHELL_DIR, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      devTools: true,
    })
    expect(window?.loadURL).toHaveBeenCalledExactlyOnceWith('app://concord/index.html')
  })

  it('loads the dev server in development', async () => {
    await start({ rendererUrl: 'http://localhost:5173/' })
    await ready()
    expect(fake.windows[0]?.loadURL).toHaveBeenCalledExactlyOnceWith('http://localhost:5173/')
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged build and turns DevTools off', async () => {
    await start({ isPackaged: true, rendererUrl: 'http://localhost:5173/' })
    await ready()
    const [window] = fake.windows
    expect(window?.loadURL).toHaveBeenCalledExactlyOnceWith('app://concord/index.html')
    expect(window?.options.webPreferences.devTools).toBe(false)
  })

  it('guards every web contents that gets created', async () => {
    await start()
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() }
    emit('web-contents-created', {}, contents)
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce()
    expect(contents.on.mock.calls.map(([name]) => name).sort()).toEqual([
      'will-attach-webview',
      'will-navigate',
      'will-redirect',
    ])
  })

  it('logs only the event, as one line on stderr and in <userData>/logs/concord.log', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    await start()
    const [, options] = fake.startCoreWorker.mock.calls[0] ?? []
    const { log } = options as { log: (event: unknown) => void }
    log({ level: 'warn', channel: 'auth.unlock', code: 'WRONG_CREDENTIALS' })
    const event = { level: 'warn', channel: 'auth.unlock', code: 'WRONG_CREDENTIALS' }
    expect(error).toHaveBeenCalledOnce()
    expect(JSON.parse(String(error.mock.calls[0]?.[0]))).toMatchObject(event)
    const file = readFileSync(join(appData, 'Concord', 'logs', 'concord.log'), 'utf8')
    expect(JSON.parse(file)).toMatchObject(event)
  })
})

describe('shutdown', () => {
  it('quits when the window closes, on every platform', async () => {
    await start()
    emit('window-all-closed')
    expect(app.quit).toHaveBeenCalledOnce()
  })

  it('holds the quit until the core has locked the case base, then quits', async () => {
    let finishClose = () => {}
    fake.state.closeCore = () => new Promise<void>((resolve) => (finishClose = resolve))
    await start()
    const first = quitEvent()
    emit('will-quit', first)
    expect(first.preventDefault).toHaveBeenCalledOnce()
    // The backup on exit (if set) runs first, then the core closes.
    expect(fake.core.backupOnExit).toHaveBeenCalledOnce()
    await tick()
    expect(fake.core.close).toHaveBeenCalledOnce()
    expect(app.quit).not.toHaveBeenCalled()

    const impatient = quitEvent()
    emit('will-quit', impatient)
    expect(impatient.preventDefault).toHaveBeenCalledOnce()
    expect(fake.core.close).toHaveBeenCalledOnce()

    finishClose()
    await tick()
    expect(app.quit).toHaveBeenCalled()
    const last = quitEvent()
    emit('will-quit', last)
    expect(last.preventDefault).not.toHaveBeenCalled()
  })

  it('quits anyway when the core does not close within five seconds', async () => {
    vi.useFakeTimers()
    fake.state.closeCore = () => new Promise<void>(() => {})
    await start()
    emit('will-quit', quitEvent())
    await vi.advanceTimersByTimeAsync(4_999)
    expect(app.quit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(app.quit).toHaveBeenCalledOnce()
  })

  it('quits when closing the core fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    fake.state.closeCore = () => Promise.reject(new Error('worker gone'))
    await start()
    emit('will-quit', quitEvent())
    await tick()
    expect(app.quit).toHaveBeenCalledOnce()
  })
})
