import { parseUrl } from './app-origin'

/**
 * Sites the app may open in the user's browser: the official law database (法律法规数据库) and
 * the central government portal, where mediators look up the statutes a clock cites. Exact host
 * names only; add a host here, never a pattern.
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set(['flk.npc.gov.cn', 'www.gov.cn'])

/** The normalized https URL if it may leave the app, else null. */
export function parseExternalUrl(value: unknown): string | null {
  const url = parseUrl(value)
  if (!url || url.protocol !== 'https:') return null
  if (url.username !== '' || url.password !== '' || url.port !== '') return null
  // `hostname` is already lowercased and punycoded, so a look-alike (Cyrillic о in gоv.cn)
  // arrives as xn--… and misses the allowlist.
  return EXTERNAL_HOSTS.has(url.hostname) ? url.href : null
}

/**
 * Opens `value` with `open` (shell.openExternal in the app) only if it passes the allowlist.
 * Returns whether it did. A failure to launch the browser is not the renderer's business.
 */
export function openExternalSafely(
  value: unknown,
  open: (url: string) => Promise<unknown>,
): boolean {
  const url = parseExternalUrl(value)
  if (url === null) return false
  open(url).catch(() => undefined)
  return true
}
