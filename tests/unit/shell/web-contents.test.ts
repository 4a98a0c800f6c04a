import type { Session, WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { denyAllPermissions } from '../../../src/main/shell/permissions'
import { guardWebContents } from '../../../src/main/shell/web-contents'

type Listener = (event: { url?: string; preventDefault: () => void }) => void

function fakeContents() {
  const listeners = new Map<string, Listener>()
  let windowOpen: ((details: { url: string }) => { action: string }) | undefined
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof windowOpen) => {
      windowOpen = handler
    },
  }
  const fire = (name: string, url?: string) => {
    const event = { url, preventDefault: vi.fn() }
    listeners.get(name)?.(event)
    return event.preventDefault.mock.calls.length > 0
  }
  return {
    contents: contents as unknown as WebContents,
    listeners,
    openWindow: (url: string) => windowOpen?.({ url }),
    fire,
  }
}

function guarded(devServerUrl?: string) {
  const openExternal = vi.fn((_url: string) => Promise.resolve())
  const fake = fakeContents()
  guardWebContents(fake.contents, { devServerUrl, openExternal })
  return { ...fake, openExternal }
}

describe('window.open', () => {
  it.each([
    'app://concord/index.html',
    'https://flk.npc.gov.cn/',
    'http://flk.npc.gov.cn/',
    'https://evil.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'about:blank',
  ])('never opens a window for %s', (url) => {
    expect(guarded().openWindow(url)).toEqual({ action: 'deny' })
  })

  it('sends an allowlisted https link to the browser instead', () => {
    const { openWindow, openExternal } = guarded()
    openWindow('https://flk.npc.gov.cn/detail2.html?x')
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://flk.npc.gov.cn/detail2.html?x')
  })

  it.each(['http://flk.npc.gov.cn/', 'https://evil.com/', 'javascript:alert(1)', 'file:///C:/'])(
    'does not hand %s to the browser',
    (url) => {
      const { openWindow, openExternal } = guarded()
      openWindow(url)
      expect(openExternal).not.toHaveBeenCalled()
    },
  )
})

describe('navigation', () => {
  it.each([
    ['another page of ours', 'app://concord/index.html#/cases', undefined, false],
    ['the dev server while it runs', 'http://localhost:5173/', 'http://localhost:5173/', false],
    ['a website', 'https://evil.com/', undefined, true],
    [
      'an allowlisted website (it opens in the browser instead)',
      'https://www.gov.cn/',
      undefined,
      true,
    ],
    ['a local file', 'file:///etc/passwd', undefined, true],
    ['a look-alike of our host', 'app://concord.evil/', undefined, true],
    ['the dev server URL when none runs', 'http://localhost:5173/', undefined, true],
    [
      'another port while the dev server runs',
      'http://localhost:5174/',
      'http://localhost:5173/',
      true,
    ],
    ['data:', 'data:text/html,hi', undefined, true],
    ['a missing URL', undefined, undefined, true],
  ])('will-navigate to %s: prevented = %s', (_label, url, dev, prevented) => {
    expect(guarded(dev).fire('will-navigate', url)).toBe(prevented)
  })

  it('opens an allowlisted link clicked in the page in the browser, and only that', () => {
    const { fire, openExternal } = guarded()
    fire('will-navigate', 'https://flk.npc.gov.cn/')
    fire('will-navigate', 'https://evil.com/')
    fire('will-navigate', 'app://concord/index.html')
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://flk.npc.gov.cn/')
  })

  it.each([
    ['a website', 'https://evil.com/', true],
    ['an allowlisted website', 'https://flk.npc.gov.cn/', true],
    ['our own page', 'app://concord/index.html', false],
  ])('will-redirect to %s: prevented = %s', (_label, url, prevented) => {
    const { fire, openExternal } = guarded()
    expect(fire('will-redirect', url)).toBe(prevented)
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('refuses to attach any <webview>', () => {
    expect(guarded().fire('will-attach-webview')).toBe(true)
  })
})

describe('denyAllPermissions', () => {
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  }
  denyAllPermissions(session as unknown as Session)
  const [request] = session.setPermissionRequestHandler.mock.calls[0] ?? []
  const [check] = session.setPermissionCheckHandler.mock.calls[0] ?? []
  const [device] = session.setDevicePermissionHandler.mock.calls[0] ?? []

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'unknown',
  ])('refuses a request for %s', (permission) => {
    const callback = vi.fn()
    request({}, permission, callback, {})
    expect(callback).toHaveBeenCalledExactlyOnceWith(false)
    expect(check({}, permission, 'app://concord', {})).toBe(false)
  })

  it('refuses device access', () => {
    expect(device({ deviceType: 'usb', origin: 'app://concord' })).toBe(false)
  })
})
