/**
 * The one origin our own pages come from. In production that is the `app://concord` protocol
 * (registered as a standard, secure scheme); in development electron-vite's dev server on
 * loopback stands in for it. The sender gate and the navigation guard both ask this module, so
 * "our page" means the same thing everywhere.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'concord'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** Longer URLs are not ours; refusing them early keeps parsing cost bounded. */
export const MAX_URL_LENGTH = 2048

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The URL parser quietly drops surrounding spaces and inner tabs and newlines. Chromium hands us
 * canonical URLs without any, so a URL that contains them was crafted and is refused whole.
 */
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/u // eslint-disable-line no-control-regex

/** A parsed URL, or null for non-strings, overlong, whitespace-bearing or malformed input. */
export function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return null
  if (WHITESPACE_OR_CONTROL.test(value)) return null
  try {
    return new URL(value)
  } catch {
    return null
  }
}

/**
 * Compared field by field because the WHATWG parser gives non-special schemes such as `app:`
 * an opaque origin (`"null"`), and because `app://concord@evil/` has host `evil`.
 */
export function isAppUrl(url: URL): boolean {
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  )
}

/** True when `url` is one of our pages: app://concord, or exactly the dev server's origin. */
export function isAppOrigin(url: unknown, devServerUrl?: string): boolean {
  const parsed = parseUrl(url)
  if (!parsed) return false
  if (isAppUrl(parsed)) return true
  const devServer = parseUrl(devServerUrl)
  return (
    devServer !== null &&
    parsed.origin === devServer.origin &&
    parsed.username === '' &&
    parsed.password === ''
  )
}

/**
 * The dev server URL electron-vite passes in ELECTRON_RENDERER_URL, if it may be trusted: never
 * in a packaged build (an environment variable must not be able to point the window, and with
 * it the core's API, at another site), and only plain http on loopback.
 */
export function trustedDevServerUrl(value: unknown, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined
  const url = parseUrl(value)
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined
  if (url.username !== '' || url.password !== '') return undefined
  return url.href
}
