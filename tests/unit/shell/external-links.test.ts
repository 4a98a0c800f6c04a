import { describe, expect, it, vi } from 'vitest'
import { openExternalSafely, parseExternalUrl } from '../../../src/main/shell/external-links'

describe('parseExternalUrl', () => {
  it.each([
    'https://flk.npc.gov.cn/',
    'https://flk.npc.gov.cn/detail2.html?ZmY4MDgx',
    'https://www.gov.cn/zhengce/content/2022-04/07/content_5683858.htm',
  ])('lets %s out unchanged', (value) => {
    expect(parseExternalUrl(value)).toBe(value)
  })

  it.each([
    ['https://flk.npc.gov.cn', 'https://flk.npc.gov.cn/'],
    ['https://flk.npc.gov.cn:443/', 'https://flk.npc.gov.cn/'],
    ['HTTPS://FLK.NPC.GOV.CN/Search', 'https://flk.npc.gov.cn/Search'],
    // Full-width dots are the same host under IDNA; the browser gets the ASCII form.
    ['https://flk．npc．gov．cn/', 'https://flk.npc.gov.cn/'],
  ])('lets %s out as %s', (value, expected) => {
    expect(parseExternalUrl(value)).toBe(expected)
  })

  it.each<[string, unknown]>([
    ['plain http', 'http://flk.npc.gov.cn/'],
    ['javascript:', 'javascript:alert(1)'],
    ['mixed-case javascript:', 'JaVaScRiPt:alert(1)'],
    ['javascript: dressed as a path', 'javascript://flk.npc.gov.cn/%0aalert(1)'],
    ['file:', 'file:///C:/Windows/System32/calc.exe'],
    ['file: with an allowed host', 'file://flk.npc.gov.cn/share/x'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['a Windows protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['search-ms:', 'search-ms:query=x&crumb=location:\\\\evil\\share'],
    ['smb:', 'smb://flk.npc.gov.cn/share'],
    ['ftp:', 'ftp://flk.npc.gov.cn/'],
    ['mailto:', 'mailto:someone@flk.npc.gov.cn'],
    ['an allowed host as a prefix of another', 'https://flk.npc.gov.cn.evil.com/'],
    ['an allowed host in the path', 'https://evil.com/flk.npc.gov.cn'],
    ['an allowed URL in the query', 'https://evil.com/?next=https://flk.npc.gov.cn/'],
    ['userinfo naming the allowed host', 'https://flk.npc.gov.cn@evil.com/'],
    ['userinfo on the allowed host', 'https://evil.com@flk.npc.gov.cn/'],
    ['credentials on the allowed host', 'https://user:pass@flk.npc.gov.cn/'],
    ['a host ending like an allowed one', 'https://evilflk.npc.gov.cn/'],
    ['a parent domain', 'https://npc.gov.cn/'],
    ['a subdomain', 'https://sub.flk.npc.gov.cn/'],
    ['a bare suffix', 'https://gov.cn/'],
    ['a trailing dot', 'https://flk.npc.gov.cn./'],
    ['a Cyrillic о homograph', 'https://flk.npc.gоv.cn/'],
    ['a Cyrillic homograph of www.gov.cn', 'https://www.gоv.cn/'],
    ['a punycode host', 'https://xn--flk-npc-gov-cn.com/'],
    ['a port', 'https://flk.npc.gov.cn:8443/'],
    ['a loopback address', 'https://127.0.0.1/'],
    ['a hex IP', 'https://0x7f.1/'],
    ['an IPv6 literal', 'https://[::1]/'],
    ['a leading space', ' https://flk.npc.gov.cn/'],
    ['a trailing space', 'https://flk.npc.gov.cn/ '],
    ['a leading tab', '\thttps://flk.npc.gov.cn/'],
    ['a trailing newline', 'https://flk.npc.gov.cn/\n'],
    ['a tab inside the scheme', 'ht\ttps://flk.npc.gov.cn/'],
    ['a newline inside the host', 'https://flk.npc\n.gov.cn/'],
    ['a leading NUL', '\u0000https://flk.npc.gov.cn/'],
    ['a no-break space', 'https://flk.npc.gov.cn/\u00a0'],
    ['a protocol-relative URL', '//flk.npc.gov.cn/'],
    ['a bare host', 'flk.npc.gov.cn'],
    ['an overlong URL', `https://flk.npc.gov.cn/${'a'.repeat(3000)}`],
    ['an empty string', ''],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an array', ['https://flk.npc.gov.cn/']],
    ['a URL object', new URL('https://flk.npc.gov.cn/')],
    ['an object with toString', { toString: () => 'https://flk.npc.gov.cn/' }],
  ])('refuses %s', (_label, value) => {
    expect(parseExternalUrl(value)).toBeNull()
  })
})

describe('openExternalSafely', () => {
  it('hands the normalized URL to the opener and reports it', () => {
    const open = vi.fn(() => Promise.resolve())
    expect(openExternalSafely('HTTPS://flk.npc.gov.cn', open)).toBe(true)
    expect(open).toHaveBeenCalledExactlyOnceWith('https://flk.npc.gov.cn/')
  })

  it('never calls the opener for a refused URL', () => {
    const open = vi.fn(() => Promise.resolve())
    expect(openExternalSafely('file:///etc/passwd', open)).toBe(false)
    expect(openExternalSafely('https://flk.npc.gov.cn@evil.com/', open)).toBe(false)
    expect(open).not.toHaveBeenCalled()
  })

  it('swallows a failure to launch the browser', async () => {
    const open = vi.fn(() => Promise.reject(new Error('no browser')))
    expect(openExternalSafely('https://www.gov.cn/', open)).toBe(true)
    // An unhandled rejection would fail the run.
    await new Promise((resolve) => setImmediate(resolve))
  })
})
