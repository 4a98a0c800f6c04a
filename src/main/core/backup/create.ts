import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import packageJson from '../../../../package.json'
import { CoreError } from '../errors'
import type { CaseBase } from '../db/open'
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  readArchive,
  sha256,
  writeArchive,
  type Manifest,
  type ManifestDraft,
  type WriteChunk,
} from './archive'
import { checkCopy, factsOf, sameFacts } from './copy'
import { checkFolder } from './folder'

export const APP_VERSION = packageJson.version

export interface BackupSource {
  caseBase: CaseBase
  key: Buffer
  keyringFile: string
  /** Local scratch folder for the encrypted copy (the data folder's backup-work). */
  workDir: string
}

export interface BackupResult {
  file: string
  createdAt: string
  size: number
  ms: number
  manifest: Manifest
}

const CHINA_OFFSET_MS = 8 * 3_600_000

/** concord-backup-20261125-113012.tar, in China time, so files sort by date in any listing. */
export function archiveName(at: Date): string {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS).toISOString()
  return `concord-backup-${local.slice(0, 10).replaceAll('-', '')}-${local.slice(11, 19).replaceAll(':', '')}.tar`
}

export const ARCHIVE_NAME = /^concord-backup-\d{8}-\d{6}(-\d+)?\.tar$/

/** Where the next archive made at `at` goes: its name, with -2, -3… if that is taken. */
export function archivePath(folder: string, at: Date): string {
  const base = archiveName(at)
  let name = base
  for (let n = 2; existsSync(join(folder, name)); n += 1) name = base.replace('.tar', `-${n}.tar`)
  return join(folder, name)
}

/** A backup cut off by a crash or a quit leaves its temporary file; the next one removes it. */
function removeLeftovers(folder: string): void {
  for (const name of readdirSync(folder)) {
    if (/^\.concord-backup-[\d-]+\.tar\.partial$/.test(name))
      rmSync(join(folder, name), { force: true })
  }
}

/** Disk full is the one write failure an administrator can act on; it gets its own message. */
function writeFailure(error: unknown): CoreError {
  if (error instanceof CoreError) return error
  const code = (error as { code?: string } | null)?.code
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') {
    return new CoreError('BACKUP_DISK_FULL')
  }
  return new CoreError('BACKUP_WRITE_FAILED')
}

/**
 * Makes a verified backup archive of an open case base in `folder`:
 *   1. VACUUM INTO a local scratch file: a consistent copy, encrypted with the same key
 *      (never serialize(), which returns plaintext);
 *   2. open the copy with the key, run integrity_check, and compare its rows per table with
 *      the live case base;
 *   3. write the archive under a temporary name, fsync, read it back (layout, SHA-256 of every
 *      part, so the bytes on the target medium are the bytes just checked), rename, fsync.
 * Only then is the file there under its final name. `write` is for fault tests.
 */
export function writeBackup(
  source: BackupSource,
  folder: string,
  options: { now: Date; write?: WriteChunk; file?: string },
): BackupResult {
  const started = performance.now()
  checkFolder(folder)
  removeLeftovers(folder)
  mkdirSync(source.workDir, { recursive: true, mode: 0o700 })
  const copy = join(source.workDir, `copy-${randomBytes(6).toString('hex')}.db`)
  try {
    try {
      source.caseBase.sqlite.prepare('VACUUM INTO ?').run(copy)
    } catch (error) {
      throw writeFailure(error)
    }
    const facts = checkCopy(copy, source.key)
    if (!sameFacts(facts, factsOf(source.caseBase.sqlite))) throw new CoreError('BACKUP_CORRUPT')
    const keyring = readFileSync(source.keyringFile)
    const createdAt = options.now.toISOString()
    const draft: ManifestDraft = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      appVersion: APP_VERSION,
      organization: facts.organization,
      createdAt,
      schemaVersion: facts.schemaVersion,
      tables: facts.tables,
      parts: {
        'keyring.json': { size: keyring.length, sha256: sha256(keyring) },
        'concord.db': { size: statSync(copy).size },
      },
    }
    const file = options.file ?? archivePath(folder, options.now)
    let manifest: Manifest
    try {
      manifest = writeArchive(
        file,
        { manifest: draft, keyring, dbFile: copy },
        {
          mtime: options.now,
          ...(options.write ? { write: options.write } : {}),
          beforeRename: (temp) => readArchive(temp, { full: true }),
        },
      )
    } catch (error) {
      throw writeFailure(error)
    }
    const { size } = statSync(file)
    return { file, createdAt, size, ms: Math.round(performance.now() - started), manifest }
  } finally {
    rmSync(copy, { force: true })
  }
}
