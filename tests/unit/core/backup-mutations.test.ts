import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PARTS, sha256, sumsText, type Manifest } from '../../../src/main/core/backup/archive'
import { padding, tarHeader, TRAILER } from '../../../src/main/core/backup/tar'
import type { Core } from '../../../src/main/core/router'
import type { ErrorCode } from '../../../src/shared/errors'
import { ADMIN, call, setUpStaff, signInAs, tempDir, testCore } from '../../support/core'
import { dumpTables, keyOf, seedCases, sha256Of } from './backup-fixtures'

/**
 * Issue 5 fault tests: hundreds of damaged, truncated, re-assembled, foreign and newer
 * archives are each refused with a clear code, and the current case base stays as it was.
 */
let data: ReturnType<typeof tempDir>
let folder: ReturnType<typeof tempDir>
let mutants: ReturnType<typeof tempDir>
let core: Core
let archive: Buffer
let parts: Record<(typeof PARTS)[number], Buffer>
let offsets: Record<(typeof PARTS)[number], number>
let baseline: string

const secret = { login: ADMIN.login, password: ADMIN.password }

/** The current case base's content (audit entries aside: refusals are audited) and keyring. */
async function fingerprint(): Promise<string> {
  const key = await keyOf(data.dir, ADMIN.login, ADMIN.password)
  const dump = dumpTables(join(data.dir, 'concord.db'), key)
  for (const table of Object.keys(dump)) if (table.startsWith('audit')) delete dump[table]
  return `${sha256(Buffer.from(JSON.stringify(dump)))}/${sha256Of(join(data.dir, 'keyring.json'))}`
}

/** A ustar archive of the given entries, as the writer lays them out. */
function assemble(entries: [string, Buffer][]): Buffer {
  const mtime = new Date('2026-11-25T03:00:00Z')
  return Buffer.concat([
    ...entries.flatMap(([name, bytes]) => [
      tarHeader(name, bytes.length, mtime),
      bytes,
      padding(bytes.length),
    ]),
    TRAILER,
  ])
}

/** The archive with a rewritten manifest and SHA256SUMS that agree with it. */
function withManifest(change: (manifest: Manifest) => void): Buffer {
  const manifest = JSON.parse(parts['manifest.json'].toString('utf8')) as Manifest
  change(manifest)
  const text = Buffer.from(JSON.stringify(manifest, null, 2))
  const sums = sumsText({
    'manifest.json': sha256(text),
    'keyring.json': manifest.parts['keyring.json'].sha256,
    'concord.db': manifest.parts['concord.db'].sha256,
  })
  return assemble([
    ['manifest.json', text],
    ['keyring.json', parts['keyring.json']],
    ['concord.db', parts['concord.db']],
    ['SHA256SUMS', Buffer.from(sums)],
  ])
}

function flip(bytes: Buffer, at: number, bit: number): Buffer {
  const copy = Buffer.from(bytes)
  copy[at] = (copy[at] ?? 0) ^ (1 << bit)
  return copy
}

/** Deterministic "random" positions, so a failure names a reproducible mutant. */
function positions(start: number, length: number, count: number, seed: number): number[] {
  let state = seed
  const out: number[] = []
  for (let i = 0; i < count; i += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    out.push(start + (state % length))
  }
  return out
}

const DAMAGED: ErrorCode[] = ['BACKUP_CORRUPT', 'BACKUP_FOREIGN', 'BACKUP_NEWER']

beforeAll(async () => {
  data = tempDir()
  folder = tempDir('concord-backups-')
  mutants = tempDir('concord-mutants-')
  core = testCore(data.dir)
  const staff = await setUpStaff(core)
  await seedCases(core, staff)
  await signInAs(core, ADMIN.login)
  await call(core, 'backup.updateSettings', { folder: folder.dir })
  const done = await call(core, 'backup.create')
  archive = readFileSync(join(folder.dir, done.file))
  // Cut the archive into its parts the way tar does: header, bytes, padding.
  let position = 0
  parts = {} as typeof parts
  offsets = {} as typeof offsets
  for (const name of PARTS) {
    const size = Number.parseInt(archive.toString('latin1', position + 124, position + 135), 8)
    offsets[name] = position + 512
    parts[name] = archive.subarray(position + 512, position + 512 + size)
    position += 512 + size + padding(size).length
  }
  baseline = await fingerprint()
})

afterAll(async () => {
  await core.close()
  for (const dir of [data, folder, mutants]) dir.remove()
})

function buildMutants(): { name: string; bytes: Buffer; expect: ErrorCode[] }[] {
  const list: { name: string; bytes: Buffer; expect: ErrorCode[] }[] = []
  // Truncations: inside every header, every part, the padding and the trailer.
  const cuts = new Set([0, 1, 100, 511, 512, 513, archive.length - 1, archive.length - 512])
  for (const at of positions(0, archive.length, 70, 7)) cuts.add(at)
  for (const name of PARTS)
    for (const delta of [-512, -1, 0, 1, 17]) cuts.add(offsets[name] + delta)
  for (const at of cuts) {
    if (at < 0 || at >= archive.length) continue
    list.push({ name: `truncated at ${at}`, bytes: archive.subarray(0, at), expect: DAMAGED })
  }
  // Bit flips in each part's bytes and in every header.
  for (const [index, name] of PARTS.entries()) {
    const part = parts[name]
    for (const at of positions(offsets[name], Math.max(part.length, 1), 20, 11 + index)) {
      list.push({
        name: `bit flip in ${name} at ${at}`,
        bytes: flip(archive, at, at % 8),
        expect: DAMAGED,
      })
    }
    for (const at of positions(offsets[name] - 512, 512, 8, 31 + index)) {
      list.push({
        name: `bit flip in header of ${name} at ${at}`,
        bytes: flip(archive, at, at % 8),
        expect: DAMAGED,
      })
    }
  }
  // Padding after the data and the end-of-archive blocks.
  for (const at of positions(archive.length - 1024, 1024, 6, 97)) {
    list.push({
      name: `bit flip in trailer at ${at}`,
      bytes: flip(archive, at, 0),
      expect: DAMAGED,
    })
  }
  list.push({
    name: 'bytes appended',
    bytes: Buffer.concat([archive, Buffer.alloc(512, 1)]),
    expect: DAMAGED,
  })
  // Swapped and missing parts.
  const entry = (name: (typeof PARTS)[number]): [string, Buffer] => [name, parts[name]]
  const orders: [string, Buffer][][] = [
    [entry('manifest.json'), entry('concord.db'), entry('keyring.json'), entry('SHA256SUMS')],
    [entry('manifest.json'), entry('keyring.json'), entry('SHA256SUMS'), entry('concord.db')],
    [entry('manifest.json'), entry('keyring.json'), entry('concord.db')],
    [
      entry('manifest.json'),
      entry('keyring.json'),
      entry('concord.db'),
      entry('SHA256SUMS'),
      entry('SHA256SUMS'),
    ],
    [
      ['manifest.json', parts['manifest.json']],
      ['keyring.json', parts['concord.db']],
      ['concord.db', parts['keyring.json']],
      entry('SHA256SUMS'),
    ],
    [
      ['manifest.json', parts['manifest.json']],
      ['keyring.json', parts['SHA256SUMS']],
      ['concord.db', parts['concord.db']],
      ['SHA256SUMS', parts['keyring.json']],
    ],
  ]
  for (const [i, order] of orders.entries())
    list.push({ name: `re-assembled ${i}`, bytes: assemble(order), expect: ['BACKUP_CORRUPT'] })
  // Manifests whose hashes, sizes or counts do not match the parts (SHA256SUMS agreeing).
  const edits: [string, (m: Manifest) => void][] = [
    ['wrong database hash', (m) => (m.parts['concord.db'].sha256 = '0'.repeat(64))],
    ['wrong keyring hash', (m) => (m.parts['keyring.json'].sha256 = 'f'.repeat(64))],
    ['wrong database size', (m) => (m.parts['concord.db'].size += 1)],
    ['one case more', (m) => (m.tables.case = (m.tables.case ?? 0) + 1)],
    ['a table missing', (m) => delete m.tables.party],
    ['another organization', (m) => (m.organization = '别的调解委员会')],
    ['an older schema', (m) => (m.schemaVersion -= 1)],
  ]
  for (const [name, edit] of edits)
    list.push({ name, bytes: withManifest(edit), expect: ['BACKUP_CORRUPT'] })
  // Newer archives are named as such.
  list.push({
    name: 'newer format',
    bytes: withManifest((m) => Object.assign(m, { formatVersion: 2 })),
    expect: ['BACKUP_NEWER'],
  })
  list.push({
    name: 'newer schema',
    bytes: withManifest((m) => (m.schemaVersion = 999)),
    expect: ['BACKUP_NEWER'],
  })
  // Foreign files.
  const foreign: [string, Buffer][] = [
    ['empty file', Buffer.alloc(0)],
    ['random bytes', Buffer.from(positions(0, 256, 4096, 5).map((n) => n % 256))],
    ['text', Buffer.from('这不是备份文件\n')],
    ['zip signature', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(600)])],
    ['a bare case base', parts['concord.db']],
    ['another tar', assemble([['notes.txt', Buffer.from('hello')]])],
  ]
  for (const [name, bytes] of foreign) list.push({ name, bytes, expect: ['BACKUP_FOREIGN'] })
  return list
}

describe('damaged archives', () => {
  it('refuses every mutant with a clear code and leaves the case base untouched', async () => {
    const list = buildMutants()
    expect(list.length).toBeGreaterThanOrEqual(200)
    const accepted: string[] = []
    const unclear: string[] = []
    for (const [i, mutant] of list.entries()) {
      const file = join(mutants.dir, `mutant-${i}.tar`)
      writeFileSync(file, mutant.bytes)
      // Every tenth goes all the way to a restore attempt; the rest are inspected.
      const channel = i % 10 === 0 ? 'backup.restore' : 'backup.inspect'
      const result = await core.handle({ channel, payload: { file, secret } })
      if (result.ok) accepted.push(mutant.name)
      else if (!mutant.expect.includes(result.error.code)) {
        unclear.push(`${mutant.name}: ${result.error.code}`)
      }
    }
    expect(accepted).toEqual([])
    expect(unclear).toEqual([])
    expect(await fingerprint()).toBe(baseline)
    expect((await call(core, 'app.status')).state).toBe('unlocked')
  })

  it('still accepts the original, so the refusals are about the damage', async () => {
    const file = join(mutants.dir, 'original.tar')
    writeFileSync(file, archive)
    const preview = await call(core, 'backup.inspect', { file, secret })
    expect(preview.tables.case).toBe(3)
  })
})

describe('recovering by hand, as docs/backup.md describes', () => {
  it('unpacks with tar, checks with sha256sum, unlocks with the Python tool, opens in SQLCipher 4', () => {
    const dir = join(mutants.dir, 'by-hand')
    execFileSync('mkdir', ['-p', dir])
    writeFileSync(join(dir, 'backup.tar'), archive)
    execFileSync('tar', ['-xf', 'backup.tar'], { cwd: dir })
    expect(
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' }),
    ).toContain('concord.db: OK')
    const pragma = execFileSync(
      'python3',
      ['tools/unlock-keyring.py', join(dir, 'keyring.json'), '--login', ADMIN.login],
      { input: `${ADMIN.password}\n`, encoding: 'utf8' },
    ).trim()
    const db = new Sqlite(join(dir, 'concord.db'), { readonly: true })
    try {
      db.pragma(`cipher='sqlcipher'`)
      db.pragma('legacy=4')
      db.exec(pragma)
      expect(db.prepare('SELECT count(*) FROM "case"').pluck().get()).toBe(3)
    } finally {
      db.close()
    }
  })
})
