import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'

/**
 * The renderer is a web page with no Node and no Electron: it reaches the core only through the
 * `window.concord` functions the preload exposes. Every flag that would weaken that is spelled
 * out, even where it is Electron's default, so that a changed default or a careless edit shows
 * up in review and fails tests/unit/shell/window.test.ts.
 */
export function secureWindowOptions(
  preloadPath: string,
  { devTools = false }: { devTools?: boolean } = {},
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'Concord 调解案件管理',
    // Matches the renderer's light background so the first paint does not flash.
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      enableWebSQL: false,
      // The spellchecker hands typed names and addresses to the OS service and downloads
      // dictionaries from Google's CDN; neither belongs near a case file.
      spellcheck: false,
      devTools,
    },
  }
}

export interface MainWindowOptions {
  preloadPath: string
  url: string
  devTools: boolean
  onLoadFailed: (error: unknown) => void
}

/** Shown once the first frame is painted, so the user never sees an empty window. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(
    secureWindowOptions(options.preloadPath, { devTools: options.devTools }),
  )
  window.once('ready-to-show', () => window.show())
  window.loadURL(options.url).catch(options.onLoadFailed)
  return window
}
