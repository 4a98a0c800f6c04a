import { beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => {
  type Listener = (details: { url: string }, callback: (r: { cancel: boolean }) => void) => void
  const state = {
    windows: [] as FakeWindow[],
    loaded: [] as string[],
    printOptions: [] as unknown[],
    print: (): Promise<Buffer> => Promise.resolve(Buffer.from('%PDF-1.7 fake')),
    partition: null as null | { name: string; options: unknown },
    beforeRequest: null as Listener | null,
    permissionRequest: null as null | ((...args: unknown[]) => void),
  }
  class FakeWindow {
    destroyed = false
    readonly webContents = {
      loadURL: vi.fn(async (url: string) => {
        state.loaded.push(url)
      }),
      printToPDF: vi.fn(async (options: unknown) => {
        state.printOptions.push(options)
        return state.print()
      }),
    }
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      state.windows.push(this)
    }
    destroy() {
      this.destroyed = true
    }
  }
  const fakeSession = {
    webRequest: {
      onBeforeRequest: (listener: Listener) => {
        state.beforeRequest = listener
      },
    },
    setPermissionRequestHandler: (h: (...args: unknown[]) => void) => {
      state.permissionRequest = h
    },
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  }
  const session = {
    fromPartition: (name: string, options: unknown) => {
      state.partition = { name, options }
      return fakeSession
    },
  }
  return { state, BrowserWindow: FakeWindow, session, fakeSession }
})
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, session: electron.session }))

const { createPdfRenderer, PDF_PARTITION } = await import('../../../src/main/shell/pdf-window')

const HTML = '<!doctype html><html><body>张三丰 调解协议书</body></html>'

beforeEach(() => {
  electron.state.windows = []
  electron.state.loaded = []
  electron.state.printOptions = []
  electron.state.print = () => Promise.resolve(Buffer.from('%PDF-1.7 fake'))
})

describe('the PDF window (printToPDF)', () => {
  it('prints in a hidden, sandboxed window with JavaScript off, then destroys it', async () => {
    const renderer = createPdfRenderer(() => Promise.resolve())
    const bytes = await renderer.htmlToPdf(HTML)
    expect(new TextDecoder().decode(bytes)).toBe('%PDF-1.7 fake')
    const [window] = electron.state.windows
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: {
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        devTools: false,
        session: electron.fakeSession,
      },
    })
    expect(window?.options.webPreferences).not.toHaveProperty('preload')
    expect(window?.destroyed).toBe(true)
    expect(electron.state.printOptions[0]).toMatchObject({
      pageSize: 'A4',
      preferCSSPageSize: true,
    })
  })

  it('loads the page as a data: URL in an in-memory session that lets nothing else load', async () => {
    await createPdfRenderer(() => Promise.resolve()).htmlToPdf(HTML)
    expect(electron.state.partition).toEqual({ name: PDF_PARTITION, options: { cache: false } })
    expect(PDF_PARTITION.startsWith('persist:')).toBe(false)
    const url = electron.state.loaded[0] ?? ''
    expect(url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true)
    expect(Buffer.from(url.split(',')[1] ?? '', 'base64').toString('utf8')).toBe(HTML)
    const decide = (target: string) => {
      let cancel: boolean | undefined
      electron.state.beforeRequest?.({ url: target }, (r) => (cancel = r.cancel))
      return cancel
    }
    expect(decide(url)).toBe(false)
    for (const target of [
      'https://example.com/x.png',
      'file:///etc/passwd',
      'app://concord/index.html',
      'data:image/png;base64,AAAA',
    ]) {
      expect(decide(target)).toBe(true)
    }
    let granted: boolean | undefined
    electron.state.permissionRequest?.(null, 'media', (ok: boolean) => (granted = ok))
    expect(granted).toBe(false)
  })

  it('waits for the app to be ready and prints one document at a time; a failure frees the queue', async () => {
    let release!: () => void
    const ready = new Promise<void>((resolve) => (release = resolve))
    const renderer = createPdfRenderer(() => ready)
    electron.state.print = () => Promise.reject(new Error('printer broke'))
    const first = renderer.htmlToPdf(HTML)
    const second = renderer.htmlToPdf(HTML)
    expect(electron.state.windows).toHaveLength(0)
    release()
    await expect(first).rejects.toThrow('printer broke')
    await expect(second).rejects.toThrow('printer broke')
    expect(electron.state.windows.every((w) => w.destroyed)).toBe(true)
    electron.state.print = () => Promise.resolve(Buffer.from('%PDF ok'))
    expect(new TextDecoder().decode(await renderer.htmlToPdf(HTML))).toBe('%PDF ok')
  })
})
