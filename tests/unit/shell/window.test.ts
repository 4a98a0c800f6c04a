import { beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => {
  const windows: FakeWindow[] = []
  const state = { load: (): Promise<void> => Promise.resolve() }
  class FakeWindow {
    readonly listeners = new Map<string, () => void>()
    readonly show = vi.fn()
    readonly loadURL = vi.fn((_url: string) => state.load())
    constructor(readonly options: unknown) {
      windows.push(this)
    }
    once(event: string, listener: () => void) {
      this.listeners.set(event, listener)
      return this
    }
  }
  return { windows, state, BrowserWindow: FakeWindow }
})
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow }))

const { createMainWindow, secureWindowOptions } = await import('../../../src/main/shell/window')

describe('secureWindowOptions', () => {
  const { webPreferences, ...window } = secureWindowOptions('/app/out/preload/index.cjs')

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['enableWebSQL', false],
    ['spellcheck', false],
    ['devTools', false],
  ] as const)('sets %s to %s', (flag, value) => {
    expect(webPreferences?.[flag]).toBe(value)
  })

  it('loads the given preload and nothing else into the page', () => {
    expect(webPreferences?.preload).toBe('/app/out/preload/index.cjs')
    expect(Object.keys(webPreferences ?? {}).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'enableWebSQL',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    )
  })

  it('opens DevTools only when asked (development)', () => {
    expect(secureWindowOptions('/p', { devTools: true }).webPreferences?.devTools).toBe(true)
  })

  it('starts hidden with a background, title and usable minimum size', () => {
    expect(window).toMatchObject({ show: false, backgroundColor: '#ffffff' })
    expect(window.title).toContain('Concord')
    expect(window.minWidth).toBeGreaterThanOrEqual(1024)
  })
})

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.windows.length = 0
    electron.state.load = () => Promise.resolve()
  })

  it('creates the window with the secure options, loads the URL and shows it when painted', () => {
    const onLoadFailed = vi.fn()
    createMainWindow({
      preloadPath: '/p.cjs',
      url: 'app://concord/index.html',
      devTools: false,
      onLoadFailed,
    })
    const [window] = electron.windows
    expect(window?.options).toEqual(secureWindowOptions('/p.cjs'))
    expect(window?.loadURL).toHaveBeenCalledExactlyOnceWith('app://concord/index.html')
    expect(window?.show).not.toHaveBeenCalled()
    window?.listeners.get('ready-to-show')?.()
    expect(window?.show).toHaveBeenCalledOnce()
  })

  it('reports a failed load instead of leaving an unhandled rejection', async () => {
    const failure = new Error('ERR_CONNECTION_REFUSED')
    electron.state.load = () => Promise.reject(failure)
    const onLoadFailed = vi.fn()
    createMainWindow({
      preloadPath: '/p',
      url: 'http://localhost:5173/',
      devTools: true,
      onLoadFailed,
    })
    await vi.waitFor(() => expect(onLoadFailed).toHaveBeenCalledExactlyOnceWith(failure))
  })
})
