import type { WebContents } from 'electron'
import { isAppOrigin } from './app-origin'
import { openExternalSafely } from './external-links'

export interface WebContentsGuardOptions {
  devServerUrl?: string
  openExternal: (url: string) => Promise<unknown>
}

/**
 * Applied to every web contents the app creates (`web-contents-created`), so a window added
 * later is covered without remembering to. The page may not open windows, leave our origin or
 * embed a <webview>; an allowlisted link opens in the user's browser instead.
 */
export function guardWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  { devServerUrl, openExternal }: WebContentsGuardOptions,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, openExternal)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event) => {
    if (isAppOrigin(event.url, devServerUrl)) return
    event.preventDefault()
    openExternalSafely(event.url, openExternal)
  })
  contents.on('will-redirect', (event) => {
    if (!isAppOrigin(event.url, devServerUrl)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
