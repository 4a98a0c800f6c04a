import { join } from 'node:path'
import { app, ipcMain, protocol, session, shell, type BrowserWindow } from 'electron'
import { startCoreWorker } from '../core/client'
import type { Core } from '../core/router'
import { APP_ENTRY_URL, APP_SCHEME, trustedDevServerUrl } from './app-origin'
import { startDeadlineNotifier } from './deadline-notifier'
import { registerIpc } from './ipc'
import { causeOf, log } from './log'
import { denyAllPermissions } from './permissions'
import { createAppProtocolHandler, registerAppSchemeAsPrivileged } from './protocol'
import { guardWebContents } from './web-contents'
import { createMainWindow } from './window'

/**
 * Quitting must not hang on a worker stuck in a long export. Cutting it off is safe: every
 * committed transaction is already in SQLite's WAL, and the key dies with the process.
 */
const CORE_CLOSE_TIMEOUT_MS = 5_000

async function closeCore(core: Core): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CORE_CLOSE_TIMEOUT_MS)
  })
  const closed = core.close().catch((error: unknown) => {
    log({ level: 'error', channel: 'core.close', code: 'INTERNAL', cause: causeOf(error) })
  })
  await Promise.race([closed, timeout])
  clearTimeout(timer)
}

function main(): void {
  // A plain ASCII folder (not the Chinese product name) so backup scripts and IT staff can
  // type the path; set before the single-instance lock, which is keyed on it.
  app.setPath('userData', join(app.getPath('appData'), 'Concord'))
  // Two instances would hold the same case base open; the second hands over to the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.enableSandbox()
  registerAppSchemeAsPrivileged(protocol)

  const devServerUrl = trustedDevServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged)
  const core = startCoreWorker(join(import.meta.dirname, 'worker.js'), {
    dataDir: join(app.getPath('userData'), 'casebase'),
    log,
  })
  registerIpc(ipcMain, core, { devServerUrl, log })

  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { devServerUrl, openExternal: (url) => shell.openExternal(url) })
  })

  let mainWindow: BrowserWindow | undefined
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  // On macOS too: an unlocked case base must not live on behind a dock icon.
  app.on('window-all-closed', () => app.quit())

  let closing: Promise<void> | undefined
  let coreClosed = false
  let notifier: { stop(): void } | undefined
  app.on('will-quit', (event) => {
    notifier?.stop()
    if (coreClosed) return
    event.preventDefault()
    closing ??= closeCore(core).then(() => {
      coreClosed = true
    })
    void closing.then(() => app.quit())
  })

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession)
    protocol.handle(APP_SCHEME, createAppProtocolHandler(join(import.meta.dirname, '../renderer')))
    mainWindow = createMainWindow({
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      url: devServerUrl ?? APP_ENTRY_URL,
      devTools: !app.isPackaged,
      onLoadFailed: (error) => {
        log({ level: 'error', channel: 'window.load', code: 'INTERNAL', cause: causeOf(error) })
      },
    })
    notifier = startDeadlineNotifier({ core, getWindow: () => mainWindow, log })
  })
}

main()
