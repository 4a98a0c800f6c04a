import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return SOURCE.test(entry.name) ? [path] : []
  })
}

/** Every module specifier: static and type imports, re-exports, import() and require(). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const found = text.matchAll(
    /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g,
  )
  return [...found].map((match) => match[1] ?? '')
}

function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier)
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]
  const found = candidates.find((path) => existsSync(path) && statSync(path).isFile())
  if (!found) throw new Error(`cannot resolve ${specifier} from ${relative(ROOT, from)}`)
  return found
}

const coreAndShared = [
  ...sourceFiles(join(ROOT, 'src/main/core')),
  ...sourceFiles(join(ROOT, 'src/shared')),
]

describe('process boundaries', () => {
  it('finds the sources it checks', () => {
    expect(coreAndShared.length).toBeGreaterThan(10)
  })

  it('keeps electron out of src/main/core and src/shared, so they run under plain Node', () => {
    const offenders = coreAndShared.filter((file) =>
      specifiers(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')),
    )
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([])
  })

  it('keeps the shell, preload and renderer out of core and shared', () => {
    const offenders = coreAndShared.flatMap((file) =>
      specifiers(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(ROOT, resolveRelative(file, spec)))
        .filter((target) => /^src\/(main\/shell|preload|renderer)\//.test(target))
        .map((target) => `${relative(ROOT, file)} -> ${target}`),
    )
    expect(offenders).toEqual([])
  })

  it('gives the sandboxed preload nothing but electron and bundled zod: no Node built-ins', () => {
    const seen = new Set<string>()
    const external = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      for (const spec of specifiers(file)) {
        if (spec.startsWith('.')) visit(resolveRelative(file, spec))
        else external.add(spec)
      }
    }
    visit(join(ROOT, 'src/preload/index.ts'))
    expect([...external].sort()).toEqual(['electron', 'zod'])
  })
})
