import { describe, expect, it } from 'vitest'
import { isAppOrigin, trustedDevServerUrl } from '../../../src/main/shell/app-origin'
import { isTrustedSender } from '../../../src/main/shell/sender'

const DEV = 'http://localhost:5173/'

describe('isTrustedSender', () => {
  it.each([
    ['app://concord/index.html'],
    ['app://concord/'],
    ['app://concord'],
    ['app://concord/index.html?tab=cases#/cases/42'],
  ])('trusts the main frame of our own page %s', (url) => {
    expect(isTrustedSender(url, true)).toBe(true)
  })

  it.each<[string, unknown, boolean, string?]>([
    ['a subframe of our own page', 'app://concord/index.html', false],
    ['a subframe on the dev server', 'http://localhost:5173/', false, DEV],
    ['a look-alike host with a suffix', 'app://concord.evil/index.html', true],
    ['another host', 'app://evil/index.html', true],
    ['userinfo naming our host before another', 'app://concord@evil/', true],
    ['userinfo in front of our host', 'app://evil@concord/', true],
    ['userinfo with a password', 'app://concord:x@concord/', true],
    ['a port', 'app://concord:8080/index.html', true],
    ['a trailing dot', 'app://concord./index.html', true],
    ['upper case, which Chromium never reports for a standard scheme', 'app://CONCORD/', true],
    ['our host on https', 'https://concord/index.html', true],
    ['a loopback page when no dev server runs', 'http://127.0.0.1:5173/', true],
    ['localhost when no dev server runs', 'http://localhost:5173/', true],
    ['another port than the dev server', 'http://localhost:5174/', true, DEV],
    ['another loopback name than the dev server', 'http://127.0.0.1:5173/', true, DEV],
    ['https on the dev server port', 'https://localhost:5173/', true, DEV],
    ['userinfo pointing away from the dev server', 'http://localhost:5173@evil.com/', true, DEV],
    ['userinfo on the dev server', 'http://user@localhost:5173/', true, DEV],
    ['a websocket URL', 'ws://localhost:5173/', true, DEV],
    ['a malformed dev server setting', 'http://localhost:5173/', true, 'not a url'],
    ['file:// on Windows', 'file:///C:/Program%20Files/Concord/index.html', true],
    ['file://', 'file:///index.html', true],
    ['about:blank', 'about:blank', true],
    ['about:srcdoc', 'about:srcdoc', true],
    ['data:', 'data:text/html,<script>alert(1)</script>', true],
    ['a blob minted by our own origin', 'blob:app://concord/6c1e3f0a-8d1b-4a45', true],
    ['javascript:', 'javascript:alert(1)', true],
    ['opaque app: without slashes', 'app:concord/index.html', true],
    ['an empty host', 'app:///index.html', true],
    ['leading whitespace the parser would strip', ' app://concord/', true],
    ['a tab inside the scheme', 'ap\tp://concord/', true],
    ['a newline inside the host', 'app://con\ncord/', true],
    ['a NUL', 'app://concord/\u0000', true],
    ['an overlong URL', `app://concord/${'a'.repeat(3000)}`, true],
    ['an empty string', '', true],
    ['not a URL', 'concord', true],
    ['undefined', undefined, true],
    ['null', null, true],
    ['a number', 42, true],
    ['a URL object', new URL('app://concord/index.html'), true],
    ['an object with toString', { toString: () => 'app://concord/' }, true],
  ])('refuses %s', (_label, url, isMainFrame, devServerUrl) => {
    expect(isTrustedSender(url, isMainFrame, devServerUrl)).toBe(false)
  })

  it('trusts exactly the dev server origin while one runs, and still our own scheme', () => {
    expect(isTrustedSender('http://localhost:5173/', true, DEV)).toBe(true)
    expect(isTrustedSender('http://localhost:5173/src/main.tsx?t=1', true, DEV)).toBe(true)
    expect(isTrustedSender('app://concord/index.html', true, DEV)).toBe(true)
  })

  it('treats isMainFrame strictly, so a truthy non-boolean from a fake frame is not enough', () => {
    expect(isTrustedSender('app://concord/', 1 as unknown as boolean)).toBe(false)
  })
})

describe('isAppOrigin', () => {
  it('is the rule navigation uses too: same answers for the main frame', () => {
    for (const url of ['app://concord/a', 'app://evil/', 'http://localhost:5173/', 'file:///']) {
      expect(isAppOrigin(url, DEV)).toBe(isTrustedSender(url, true, DEV))
    }
  })
})

describe('trustedDevServerUrl', () => {
  it.each([
    ['http://localhost:5173/', 'http://localhost:5173/'],
    ['http://localhost:5173', 'http://localhost:5173/'],
    ['http://127.0.0.1:5173/', 'http://127.0.0.1:5173/'],
    ['http://[::1]:5173/', 'http://[::1]:5173/'],
  ])('accepts the loopback dev server %s in an unpackaged run', (value, expected) => {
    expect(trustedDevServerUrl(value, false)).toBe(expected)
  })

  it.each<[string, unknown, boolean]>([
    ['any value in a packaged build', 'http://localhost:5173/', true],
    ['a remote host', 'http://evil.com:5173/', false],
    ['https to a remote host', 'https://evil.com/', false],
    ['a host starting with localhost', 'http://localhost.evil.com:5173/', false],
    ['userinfo that names localhost', 'http://localhost:5173@evil.com/', false],
    ['credentials on localhost', 'http://user:pw@localhost:5173/', false],
    ['a LAN address', 'http://192.168.1.10:5173/', false],
    ['0.0.0.0', 'http://0.0.0.0:5173/', false],
    ['file://', 'file:///tmp/index.html', false],
    ['our own scheme', 'app://concord/', false],
    ['an empty string', '', false],
    ['an unset variable', undefined, false],
    ['garbage', 'localhost:5173', false],
  ])('refuses %s', (_label, value, isPackaged) => {
    expect(trustedDevServerUrl(value, isPackaged)).toBeUndefined()
  })
})
