import fs from 'node:fs'
import path, { type PlatformPath } from 'node:path'
import type { Protocol } from 'electron'
import { APP_SCHEME, isAppUrl, parseUrl } from './app-origin'
import { CONTENT_SECURITY_POLICY } from './csp'

/**
 * Served instead of file:// (Electron security checklist, item 18): a file:// page can read any
 * other file:// URL, while app://concord can reach only the built renderer folder.
 */
export function registerAppSchemeAsPrivileged(
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>,
): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: a real origin, so relative URLs and the sender check work; secure: treated
      // like https; codeCache: V8 caches the bundle between starts.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
}

const MAX_SEGMENTS = 32
const MAX_SEGMENT_LENGTH = 255
/**
 * Control characters, a `%` left after decoding (double encoding), and characters that are a
 * separator, wildcard, drive or stream marker on some platform.
 */
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f%\\/:*?"<>|]/u // eslint-disable-line no-control-regex
/** Windows opens a device instead of a file for these names, with any extension. */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/iu

function isSafeSegment(segment: string): boolean {
  return (
    segment.length > 0 &&
    segment.length <= MAX_SEGMENT_LENGTH &&
    // Also refuses `.` and `..`; the build emits no dotfiles.
    !segment.startsWith('.') &&
    // Windows drops trailing dots and spaces, so `index.html.` would name another file.
    !segment.endsWith('.') &&
    !segment.endsWith(' ') &&
    !FORBIDDEN_CHARACTERS.test(segment) &&
    !WINDOWS_DEVICE_NAME.test(segment)
  )
}

/**
 * Maps `app://concord/<path>` to a file below `rendererDir`, or null. Each path segment is
 * percent-decoded once and must then be a plain file name: a decoded `%` (double encoding), a
 * separator (`%2f`, `%5c`), a dot segment, a NUL or a drive letter refuses the whole URL rather
 * than being cleaned up, since a URL that needs cleaning was not produced by our own bundle.
 * `paths` is injectable so that tests can check Windows path semantics on any machine.
 */
export function resolveAppUrl(
  url: unknown,
  rendererDir: string,
  paths: PlatformPath = path,
): string | null {
  const parsed = parseUrl(url)
  if (!parsed || !isAppUrl(parsed)) return null
  const raw = parsed.pathname === '' || parsed.pathname === '/' ? '/index.html' : parsed.pathname
  const encoded = raw.slice(1).split('/')
  if (encoded.length > MAX_SEGMENTS) return null

  const segments: string[] = []
  for (const segment of encoded) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return null
    }
    if (!isSafeSegment(decoded)) return null
    segments.push(decoded)
  }

  const root = paths.resolve(rendererDir)
  const file = paths.join(root, ...segments)
  return isInside(root, file, paths) ? file : null
}

function isInside(root: string, file: string, paths: PlatformPath): boolean {
  const relative = paths.relative(root, file)
  return relative !== '' && !relative.startsWith('..') && !paths.isAbsolute(relative)
}

const MIME_TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.map', 'application/json; charset=utf-8'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.gif', 'image/gif'],
  ['.webp', 'image/webp'],
  ['.ico', 'image/x-icon'],
  ['.woff', 'font/woff'],
  ['.woff2', 'font/woff2'],
  ['.ttf', 'font/ttf'],
  ['.otf', 'font/otf'],
  ['.wasm', 'application/wasm'],
])

export function mimeTypeOf(file: string): string {
  return MIME_TYPES.get(path.extname(file).toLowerCase()) ?? 'application/octet-stream'
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  }
}

function refused(status: 404 | 405): Response {
  return new Response(null, { status, headers: securityHeaders() })
}

/**
 * The `protocol.handle('app', …)` handler. Besides the URL check, the file's real path must
 * stay inside the renderer folder, so a symlink planted in an unpacked build cannot lead out.
 * Uses `fs.promises` through the module object so Electron's asar patches apply.
 */
export function createAppProtocolHandler(
  rendererDir: string,
): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir)
  let realRoot: Promise<string> | undefined

  return async (request) => {
    if (request.method !== 'GET') return refused(405)
    const file = resolveAppUrl(request.url, root)
    if (!file) return refused(404)
    try {
      realRoot ??= fs.promises.realpath(root)
      const realFile = await fs.promises.realpath(file)
      if (!isInside(await realRoot, realFile, path)) return refused(404)
      const body = await fs.promises.readFile(realFile)
      return new Response(body, {
        status: 200,
        headers: { ...securityHeaders(), 'content-type': mimeTypeOf(file) },
      })
    } catch {
      return refused(404)
    }
  }
}
