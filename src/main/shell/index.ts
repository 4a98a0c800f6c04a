import { join } from 'node:path'
import {
  app,
  dialog,
  ipcMain,
  protocol,
  session,
  shell,
  type BrowserWindow,
  type OpenDialogOptions,
} from 'electron'
import { adminArguments, runAdmin } from '../core/admin/cli'
import { terminalIo } from '../core/admin/terminal'
import { startCoreWorker } from '../core/client'
import type { Core } from '../core/router'
import { APP_ENTRY_URL, APP_SCHEME, trustedDevServerUrl } from './app-origin'
import { startDeadlineNotifier } from './deadline-notifier'
import { registerIpc } from './ipc'
import { causeOf, log, startFileLog } from './log'
import { createPdfRenderer } from './pdf-window'
import { denyAllPermissions } from './permissions'
import { createAppProtocolHandler, registerAppSchemeAsPrivileged } from './protocol'
import { guardWebContents } from './web-contents'
import { createMainWindow } from './window'

/**
 * Quitting must not hang on a worker stuck in a long export. Cutting it off is safe: every
 * committed transaction is already in SQLite's WAL, and the key dies with the process.
 */
const CORE_CLOSE_TIMEOUT_MS = 5_000

/**
 * The backup on exit (when an administrator turned it on and someone is signed in) runs
 * before the core closes. A backup of a very large case base that outlasts this is cut off;
 * its temporary file never looks like an archive and the next backup removes it.
 */
const EXIT_BACKUP_TIMEOUT_MS = 120_000

async function backupOnExit(core: Core): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, EXIT_BACKUP_TIMEOUT_MS)
  })
  const done = (async () => core.backupOnExit())().catch((error: unknown) => {
    log({ level: 'error', channel: 'backup.exit', code: 'INTERNAL', cause: causeOf(error) })
  })
  await Promise.race([done, timeout])
  clearTimeout(timer)
}

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
  // <appData>/Concord/logs: codes and channel names only (log.ts), rotated at 1 MB, 5 files.
  startFileLog(join(app.getPath('userData'), 'logs'))
  app.enableSandbox()
  registerAppSchemeAsPrivileged(protocol)

  const devServerUrl = trustedDevServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged)
  const core = startCoreWorker(join(import.meta.dirname, 'worker.js'), {
    dataDir: join(app.getPath('userData'), 'casebase'),
    log,
    pdf: createPdfRenderer(() => app.whenReady()),
  })
  let mainWindow: BrowserWindow | undefined
  registerIpc(ipcMain, core, {
    devServerUrl,
    log,
    pickPath: async (kind) => {
      const options: OpenDialogOptions =
        kind === 'folder'
          ? { properties: ['openDirectory', 'createDirectory'] }
          : { properties: ['openFile'], filters: [{ name: 'Concord', extensions: ['tar'] }] }
      const picked = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options)
      return picked.canceled ? null : (picked.filePaths[0] ?? null)
    },
  })

  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { devServerUrl, openExternal: (url) => shell.openExternal(url) })
  })

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
    closing ??= backupOnExit(core)
      .then(() => closeCore(core))
      .then(() => {
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

/**
 * `Concord.exe admin backup …`: the administrator's command line (core/admin/cli.ts) runs in
 * this process before any window, lock or protocol exists, so it works with the RunAsNode
 * fuse off. The data folder is the one the app uses unless --data names another.
 */
async function runAdminCommand(args: string[]): Promise<void> {
  app.dock?.hide()
  const dataDir = join(app.getPath('appData'), 'Concord', 'casebase')
  const withData = args.some((arg) => arg === '--data' || arg.startsWith('--data='))
    ? args
    : [...args, '--data', dataDir]
  app.exit(await runAdmin(withData, terminalIo()))
}

const adminArgs = adminArguments(process.argv)
if (adminArgs) void runAdminCommand(adminArgs)
else main()
