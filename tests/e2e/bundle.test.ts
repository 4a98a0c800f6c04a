import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/main/shell/csp'
import { OUT } from '../support/e2e'

const requires = (code: string) =>
  [...code.matchAll(/require\("([^"]+)"\)|from\s*"([^"]+)"|import\("([^"]+)"\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  )

/** Checks on what `npm run build` produced, which the app will actually load. */
describe('the built app', () => {
  it('has a preload that requires nothing but electron (a sandboxed preload can load nothing else)', () => {
    const preload = readFileSync(join(OUT, 'preload', 'index.cjs'), 'utf8')
    expect(new Set(requires(preload))).toEqual(new Set(['electron']))
    expect(preload).not.toContain('ipcRenderer.send(')
  })

  it('keeps electron out of the core worker bundle', () => {
    const worker = join(OUT, 'main', 'worker.js')
    expect(requires(readFileSync(worker, 'utf8'))).toContain('better-sqlite3-multiple-ciphers')
    for (const file of [worker, ...chunkFiles()]) {
      expect(requires(readFileSync(file, 'utf8')), file).not.toContain('electron')
    }
  })

  it('ships index.html with the strict CSP and no inline script', () => {
    const html = readFileSync(join(OUT, 'renderer', 'index.html'), 'utf8').replaceAll('&#39;', "'")
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`)
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  })
})

function chunkFiles(): string[] {
  try {
    return readdirSync(join(OUT, 'main', 'chunks')).map((f) => join(OUT, 'main', 'chunks', f))
  } catch {
    return []
  }
}
