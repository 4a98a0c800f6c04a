import { createHash } from 'node:crypto'
import {
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { fsyncDirectory } from '../atomic-file'
import { CoreError } from '../errors'
import { listEntries, padding, tarHeader, TRAILER, type TarEntry } from './tar'

/**
 * A Concord backup archive (docs/backup.md): an uncompressed ustar file holding, in this order,
 *   manifest.json  what the archive holds (organization, time, schema, rows per table, hashes)
 *   keyring.json   the key slots, byte for byte as they were beside the case base
 *   concord.db     the case base copied with VACUUM INTO: SQLCipher 4, the same key
 *   SHA256SUMS     `sha256sum` lines for the three files above
 * so `tar -xf` and `sha256sum -c SHA256SUMS` check it with stock tools.
 */
export const ARCHIVE_FORMAT = 'concord-backup'
export const ARCHIVE_FORMAT_VERSION = 1
export const PARTS = ['manifest.json', 'keyring.json', 'concord.db', 'SHA256SUMS'] as const
export type PartName = (typeof PARTS)[number]

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/)
const Part = z.object({ size: z.int().nonnegative(), sha256: Sha256 })

export const Manifest = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  appVersion: z.string().max(40),
  organization: z.string().max(200),
  createdAt: z.iso.datetime(),
  schemaVersion: z.int().positive(),
  tables: z.record(z.string().max(64), z.int().nonnegative()),
  parts: z.strictObject({ 'keyring.json': Part, 'concord.db': Part }),
})
export type Manifest = z.infer<typeof Manifest>

const MAX_SMALL_PART = 1024 * 1024
const CHUNK = 1024 * 1024

/** The one write the archive writer makes; tests swap it to simulate a full disk. */
export type WriteChunk = (fd: number, data: Buffer) => void

export const writeChunk: WriteChunk = (fd, data) => {
  let done = 0
  while (done < data.length) done += writeSync(fd, data, done, data.length - done)
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/** Streams a byte range of an open file through `each`, a chunk at a time. */
function eachChunk(fd: number, offset: number, size: number, each: (chunk: Buffer) => void) {
  const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(size, 1)))
  let done = 0
  while (done < size) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - done), offset + done)
    if (read === 0) throw new CoreError('BACKUP_CORRUPT')
    each(buffer.subarray(0, read))
    done += read
  }
}

export function hashFile(file: string): { size: number; sha256: string } {
  const fd = openSync(file, 'r')
  try {
    const size = fstatSync(fd).size
    const hash = createHash('sha256')
    eachChunk(fd, 0, size, (chunk) => hash.update(chunk))
    return { size, sha256: hash.digest('hex') }
  } finally {
    closeSync(fd)
  }
}

export function sumsText(sums: Record<Exclude<PartName, 'SHA256SUMS'>, string>): string {
  return Object.entries(sums)
    .map(([name, hash]) => `${hash}  ${name}\n`)
    .join('')
}

/** What the writer needs to know before it starts; it hashes the case base as it copies it. */
export type ManifestDraft = Omit<Manifest, 'parts'> & {
  parts: { 'keyring.json': Manifest['parts']['keyring.json']; 'concord.db': { size: number } }
}

const manifestBytes = (manifest: Manifest) =>
  Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')

/**
 * Writes the archive to a temporary name beside `file`, fsyncs it, renames it into place and
 * fsyncs the folder. A failure (a full disk) removes the temporary file, so no file that looks
 * like an archive is ever left half written. The case base is hashed while it is copied, and
 * the manifest, written first with a placeholder hash of the same length, is completed in
 * place: one read of the copy instead of two. `beforeRename` may check the written archive.
 */
export function writeArchive(
  file: string,
  parts: { manifest: ManifestDraft; keyring: Buffer; dbFile: string },
  options: { write?: WriteChunk; mtime: Date; beforeRename?: (temp: string) => void },
): Manifest {
  const write = options.write ?? writeChunk
  const dbSize = parts.manifest.parts['concord.db'].size
  const draft: Manifest = {
    ...parts.manifest,
    parts: { ...parts.manifest.parts, 'concord.db': { size: dbSize, sha256: '0'.repeat(64) } },
  }
  const placeholder = manifestBytes(draft)
  const temp = join(dirname(file), `.${basename(file)}.partial`)
  let fd: number | null = null
  try {
    fd = openSync(temp, 'w', 0o600)
    const out = fd
    const small = (name: PartName, data: Buffer) => {
      write(out, tarHeader(name, data.length, options.mtime))
      write(out, data)
      write(out, padding(data.length))
    }
    small('manifest.json', placeholder)
    small('keyring.json', parts.keyring)
    write(out, tarHeader('concord.db', dbSize, options.mtime))
    const hash = createHash('sha256')
    const source = openSync(parts.dbFile, 'r')
    try {
      eachChunk(source, 0, dbSize, (chunk) => {
        hash.update(chunk)
        write(out, chunk)
      })
    } finally {
      closeSync(source)
    }
    write(out, padding(dbSize))
    const manifest: Manifest = {
      ...draft,
      parts: { ...draft.parts, 'concord.db': { size: dbSize, sha256: hash.digest('hex') } },
    }
    const final = manifestBytes(manifest)
    if (final.length !== placeholder.length) throw new Error('manifest length changed')
    small(
      'SHA256SUMS',
      Buffer.from(
        sumsText({
          'manifest.json': sha256(final),
          'keyring.json': manifest.parts['keyring.json'].sha256,
          'concord.db': manifest.parts['concord.db'].sha256,
        }),
        'ascii',
      ),
    )
    write(out, TRAILER)
    writeSync(out, final, 0, final.length, 512)
    fsyncSync(out)
    closeSync(out)
    fd = null
    options.beforeRename?.(temp)
    renameSync(temp, file)
    fsyncDirectory(dirname(file))
    return manifest
  } catch (error) {
    if (fd !== null) closeSync(fd)
    rmSync(temp, { force: true })
    throw error
  }
}

export interface OpenedArchive {
  manifest: Manifest
  entries: Record<PartName, TarEntry>
  keyring: Buffer
  size: number
}

function looksLikeOurs(first: Buffer): boolean {
  return (
    first.length >= 512 &&
    first.toString('latin1', 0, 14) === 'manifest.json\0' &&
    first.toString('latin1', 257, 262) === 'ustar'
  )
}

/** An archive from a newer Concord is refused as such, before its layout is judged. */
function refuseNewerFormat(manifestText: string): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(manifestText)
  } catch {
    return
  }
  const head = z
    .object({ format: z.literal(ARCHIVE_FORMAT), formatVersion: z.int() })
    .safeParse(parsed)
  if (head.success && head.data.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw new CoreError('BACKUP_NEWER', { found: head.data.formatVersion })
  }
}

/**
 * Opens and checks an archive: layout, SHA256SUMS, manifest. `full` also hashes the case-base
 * copy (a full read); without it only the small parts are hashed, for listing a folder.
 * Throws BACKUP_FOREIGN, BACKUP_CORRUPT or BACKUP_NEWER.
 */
export function readArchive(file: string, { full }: { full: boolean }): OpenedArchive {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    throw new CoreError('BACKUP_FILE_INVALID')
  }
  try {
    const size = fstatSync(fd).size
    const readAt = (position: number, length: number) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)))
      if (buffer.length > 0) readSync(fd, buffer, 0, buffer.length, position)
      return buffer
    }
    const first = readAt(0, 512)
    if (!looksLikeOurs(first)) throw new CoreError('BACKUP_FOREIGN')
    const declared = Number.parseInt(first.toString('latin1', 124, 135), 8)
    if (Number.isSafeInteger(declared) && declared > 0 && declared <= MAX_SMALL_PART) {
      refuseNewerFormat(readAt(512, declared).toString('utf8'))
    }
    const listed = listEntries(readAt, size)
    if (!listed || listed.map((entry) => entry.name).join('/') !== PARTS.join('/')) {
      throw new CoreError('BACKUP_CORRUPT')
    }
    const entries = Object.fromEntries(listed.map((entry) => [entry.name, entry])) as Record<
      PartName,
      TarEntry
    >
    const smallPart = (name: PartName) => {
      const entry = entries[name]
      if (entry.size > MAX_SMALL_PART) throw new CoreError('BACKUP_CORRUPT')
      return readAt(entry.offset, entry.size)
    }
    const manifestBytes = smallPart('manifest.json')
    const keyring = smallPart('keyring.json')
    const sums = smallPart('SHA256SUMS').toString('latin1')
    const manifest = parseManifest(manifestBytes)
    const db = entries['concord.db']
    const expected = sumsText({
      'manifest.json': sha256(manifestBytes),
      'keyring.json': manifest.parts['keyring.json'].sha256,
      'concord.db': manifest.parts['concord.db'].sha256,
    })
    if (
      sums !== expected ||
      sha256(keyring) !== manifest.parts['keyring.json'].sha256 ||
      keyring.length !== manifest.parts['keyring.json'].size ||
      db.size !== manifest.parts['concord.db'].size
    ) {
      throw new CoreError('BACKUP_CORRUPT')
    }
    if (full) {
      const hash = createHash('sha256')
      eachChunk(fd, db.offset, db.size, (chunk) => hash.update(chunk))
      if (hash.digest('hex') !== manifest.parts['concord.db'].sha256) {
        throw new CoreError('BACKUP_CORRUPT')
      }
    }
    return { manifest, entries, keyring, size }
  } finally {
    closeSync(fd)
  }
}

function parseManifest(bytes: Buffer): Manifest {
  const text = bytes.toString('utf8')
  refuseNewerFormat(text)
  try {
    return Manifest.parse(JSON.parse(text))
  } catch {
    throw new CoreError('BACKUP_CORRUPT')
  }
}

/** Copies one part of a checked archive to `dest`, fsynced. */
export function extractPart(file: string, entry: TarEntry, dest: string): void {
  const source = openSync(file, 'r')
  try {
    const out = openSync(dest, 'w', 0o600)
    try {
      eachChunk(source, entry.offset, entry.size, (chunk) => writeChunk(out, chunk))
      fsyncSync(out)
    } finally {
      closeSync(out)
    }
  } finally {
    closeSync(source)
  }
}
