import { isAppOrigin } from './app-origin'

/**
 * Whether an IPC message may reach the core. Only the main frame of our own page qualifies: a
 * subframe, or any page the window ended up on despite the navigation guard, gets nothing.
 * Electron's security checklist ("validate the sender of all IPC messages") and VS Code's
 * validatedIpcMain make the same check.
 */
export function isTrustedSender(
  frameUrl: unknown,
  isMainFrame: boolean,
  devServerUrl?: string,
): boolean {
  return isMainFrame === true && isAppOrigin(frameUrl, devServerUrl)
}
