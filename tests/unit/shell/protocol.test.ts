import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../../src/main/shell/csp'
import {
  createAppProtocolHandler,
  registerAppSchemeAsPrivileged,
  resolveAppUrl,
} from '../../../src/main/shell/protocol'

const ROOT = '/opt/concord/resources/app.asar/out/renderer'
const WIN_ROOT = 'C:\\Program Files\\Concord\\resources\\app.asar\\out\\renderer'

/** Requests that must never map to a file, on any platform. */
const REFUSED: [string, unknown][] = [
  ['an encoded slash inside a dot-dot segment', 'app://concord/..%2f..%2fetc%2fpasswd'],
  ['fully encoded traversal', 'app://concord/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
  ['upper-case encoded traversal', 'app://concord/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd'],
  ['encoded backslashes', 'app://concord/..%5c..%5cwindows%5cwin.ini'],
  ['literal backslashes', 'app://concord/..\\..\\windows\\win.ini'],
  ['mixed separators', 'app://concord/assets/..%5c..%5c..%2fsecret'],
  ['double-encoded dot-dot', 'app://concord/%252e%252e/%252e%252e/etc/passwd'],
  ['double-encoded slash', 'app://concord/..%252f..%252fetc%252fpasswd'],
  ['an encoded percent sign', 'app://concord/%25'],
  ['a malformed escape', 'app://concord/%ZZ.js'],
  ['a truncated UTF-8 escape', 'app://concord/%E4%B8'],
  ['an empty segment (absolute path after the host)', 'app://concord//etc/passwd'],
  ['an encoded absolute path', 'app://concord/%2fetc%2fpasswd'],
  ['a directory with a trailing slash', 'app://concord/assets/'],
  ['a Windows drive', 'app://concord/C:/Windows/win.ini'],
  ['an encoded Windows drive path', 'app://concord/C:%5cWindows%5cwin.ini'],
  ['a UNC path', 'app://concord/%5c%5cserver%5cshare%5cfile'],
  ['an NTFS alternate data stream', 'app://concord/index.html::$DATA'],
  ['a NUL byte', 'app://concord/index.html%00.png'],
  ['a leading NUL byte', 'app://concord/%00'],
  ['an encoded newline', 'app://concord/index.html%0a'],
  ['a dotfile', 'app://concord/.env'],
  ['a dot folder', 'app://concord/.git/config'],
  ['a trailing dot Windows strips', 'app://concord/index.html.'],
  ['a trailing space Windows strips', 'app://concord/index.html%20'],
  ['a Windows device name', 'app://concord/CON'],
  ['a Windows device name with extension', 'app://concord/assets/nul.txt'],
  ['a numbered device name', 'app://concord/assets/COM1.js'],
  ['a wildcard', 'app://concord/assets/*.js'],
  ['too many segments', `app://concord/${'a/'.repeat(40)}index.html`],
  ['an overlong segment', `app://concord/${'a'.repeat(300)}.js`],
  ['an overlong URL', `app://concord/${'a/'.repeat(1100)}`],
  ['another host', 'app://evil/index.html'],
  ['a suffixed host', 'app://concord.evil/index.html'],
  ['userinfo pointing away', 'app://concord@evil/index.html'],
  ['userinfo in front of our host', 'app://evil@concord/index.html'],
  ['a port', 'app://concord:8080/index.html'],
  ['upper-case host', 'app://CONCORD/index.html'],
  ['an empty host', 'app:///index.html'],
  ['an opaque path', 'app:concord/index.html'],
  ['file://', 'file:///etc/passwd'],
  ['http with our host', 'http://concord/index.html'],
  ['https with our host', 'https://concord/index.html'],
  ['whitespace the parser would strip', ' app://concord/index.html'],
  ['a tab the parser would drop', 'app://concord/in\tdex.html'],
  ['an empty string', ''],
  ['undefined', undefined],
  ['a number', 7],
]

/** Requests the URL parser normalizes; they may map only to files inside the renderer folder. */
const CONFINED: [string, string, string][] = [
  ['the entry page', 'app://concord/index.html', 'index.html'],
  ['the root', 'app://concord/', 'index.html'],
  ['the bare origin', 'app://concord', 'index.html'],
  ['a bundle', 'app://concord/assets/index-B3x9.js', 'assets/index-B3x9.js'],
  ['a query and fragment', 'app://concord/index.html?v=1#/cases', 'index.html'],
  ['a Chinese file name', 'app://concord/assets/%E5%AD%97%E4%BD%93.woff2', 'assets/字体.woff2'],
  ['dot-dot resolved by the parser', 'app://concord/assets/../index.html', 'index.html'],
  ['dot-dot above the root', 'app://concord/../../etc/passwd', 'etc/passwd'],
  [
    'encoded dot-dot resolved by the parser',
    'app://concord/%2e%2e/%2e%2e/etc/passwd',
    'etc/passwd',
  ],
  ['mixed encoded dots', 'app://concord/.%2e/%2E./etc/passwd', 'etc/passwd'],
  ['an encoded single dot', 'app://concord/%2e', 'index.html'],
]

describe('resolveAppUrl', () => {
  it.each(REFUSED)('refuses %s', (_label, url) => {
    expect(resolveAppUrl(url, ROOT, path.posix)).toBeNull()
    expect(resolveAppUrl(url, WIN_ROOT, path.win32)).toBeNull()
  })

  it.each(CONFINED)('maps %s into the renderer folder', (_label, url, relative) => {
    expect(resolveAppUrl(url, ROOT, path.posix)).toBe(path.posix.join(ROOT, relative))
    expect(resolveAppUrl(url, WIN_ROOT, path.win32)).toBe(path.win32.join(WIN_ROOT, relative))
  })

  it('never leaves the folder, whatever sequence of hostile fragments the path is made of', () => {
    const fragments = ['..', '%2e%2e', '.%2e', '%2e', '%252e', '%2f', '%5c', '\\', '/', '%00', ':']
    const tails = ['', 'a', 'index.html']
    let checked = 0
    const visit = (prefix: string, depth: number) => {
      for (const tail of tails) {
        const url = `app://concord/${prefix}${tail}`
        for (const [root, paths] of [
          [ROOT, path.posix],
          [WIN_ROOT, path.win32],
        ] as const) {
          const file = resolveAppUrl(url, root, paths)
          if (file !== null) expect(file.startsWith(root + paths.sep)).toBe(true)
          checked++
        }
      }
      if (depth === 0) return
      for (const fragment of fragments) visit(prefix + fragment, depth - 1)
    }
    visit('', 4)
    expect(checked).toBeGreaterThan(50_000)
  })
})

describe('registerAppSchemeAsPrivileged', () => {
  it('registers app as a standard, secure scheme without bypassing CSP or service workers', () => {
    const registerSchemesAsPrivileged = vi.fn()
    registerAppSchemeAsPrivileged({ registerSchemesAsPrivileged })
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ])
  })
})

describe('the app:// handler', () => {
  let base: string
  let handler: (request: Request) => Promise<Response>
  const get = (url: string, init?: RequestInit) => handler(new Request(url, init))

  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'concord-protocol-'))
    const renderer = path.join(base, 'renderer')
    mkdirSync(path.join(renderer, 'assets'), { recursive: true })
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Concord</title>')
    writeFileSync(path.join(renderer, 'assets', 'index.js'), 'export {}')
    writeFileSync(path.join(renderer, 'assets', 'index.css'), 'body{}')
    writeFileSync(path.join(renderer, 'assets', 'font.woff2'), 'wOF2')
    writeFileSync(path.join(renderer, 'assets', 'data.bin'), 'x')
    writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer folder')
    symlinkSync(path.join(base, 'secret.txt'), path.join(renderer, 'leak.txt'))
    symlinkSync(base, path.join(renderer, 'up'))
    handler = createAppProtocolHandler(renderer)
  })
  afterAll(() => rmSync(base, { recursive: true, force: true }))

  it('serves the entry page with its type, the CSP header and nosniff', async () => {
    const response = await get('app://concord/index.html')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe('<!doctype html><title>Concord</title>')
  })

  it('serves index.html for the root', async () => {
    expect(await (await get('app://concord/')).text()).toContain('Concord')
  })

  it.each([
    ['assets/index.js', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/data.bin', 'application/octet-stream'],
  ])('serves %s as %s', async (file, type) => {
    const response = await get(`app://concord/${file}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })

  it.each([
    ['a missing file', 'app://concord/missing.js'],
    ['a directory', 'app://concord/assets'],
    ['a refused URL', 'app://concord/..%2fsecret.txt'],
    ['another host', 'app://evil/index.html'],
    ['a symlink to a file outside', 'app://concord/leak.txt'],
    ['a file reached through a symlinked folder', 'app://concord/up/secret.txt'],
  ])('answers 404 with the CSP header for %s', async (_label, url) => {
    const response = await get(url)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await response.text()).toBe('')
  })

  it('answers 405 to anything but GET', async () => {
    expect((await get('app://concord/index.html', { method: 'POST', body: 'x' })).status).toBe(405)
  })
})
