import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ArchivePreview, ArchiveSecret } from '../../../shared/schemas/backup'
import { normalizeRecoveryCode } from '../../../shared/recovery-code'
import { fsyncDirectory, writeFileAtomic } from '../atomic-file'
import { caseBaseKeyCandidates, readKeyring, recoverySlot, userSlot } from '../db/keyring'
import { SCHEMA_VERSION } from '../db/migrations'
import { CoreError } from '../errors'
import type { CasePaths } from '../paths'
import { extractPart, hashFile, readArchive, type Manifest } from './archive'
import { checkCopy, sameFacts } from './copy'
import { checkArchiveFile } from './folder'

/** Scratch space for copies being checked, and the staging area of a restore. */
export const workDirOf = (paths: CasePaths) => join(paths.dataDir, 'backup-work')
const stagingOf = (paths: CasePaths) => join(paths.dataDir, 'restore')
const COMMIT = 'COMMITTED'

/** An archive checked with a secret: its preview and its case base, extracted and verified. */
export interface VerifiedArchive {
  preview: ArchivePreview
  manifest: Manifest
  /** The extracted case-base copy in the work folder; the caller moves or removes it. */
  dbFile: string
  keyring: Buffer
}

/** The case-base keys the secret opens in the archive's own keyring (newest generation first). */
async function archiveKeys(keyringFile: string, secret: ArchiveSecret): Promise<Buffer[]> {
  let keyring
  try {
    keyring = readKeyring(keyringFile)
  } catch {
    throw new CoreError('BACKUP_CORRUPT')
  }
  const slot = 'recoveryCode' in secret ? recoverySlot(keyring) : userSlot(keyring, secret.login)
  const text =
    'recoveryCode' in secret ? normalizeRecoveryCode(secret.recoveryCode) : secret.password
  const candidates = slot ? await caseBaseKeyCandidates(keyring, slot, text) : null
  if (!candidates) throw new CoreError('WRONG_CREDENTIALS')
  return candidates.map((candidate) => candidate.key)
}

/** The facts of the copy under the first key that opens it. */
function checkWithAny(dbFile: string, keys: Buffer[]) {
  for (const key of keys) {
    try {
      return checkCopy(dbFile, key)
    } catch {
      // An older generation after an interrupted key rotation: try the next.
    }
  }
  throw new CoreError('BACKUP_CORRUPT')
}

/**
 * Checks an archive completely before anything trusts it: layout and hashes, a format and
 * schema this build understands, the secret opens the archive's own keyring, the extracted
 * copy hashes to the manifest, passes integrity_check under that key and holds the rows the
 * manifest counts. The current case base is never touched.
 */
export async function verifyArchive(
  paths: CasePaths,
  file: string,
  secret: ArchiveSecret,
): Promise<VerifiedArchive> {
  checkArchiveFile(file)
  const archive = readArchive(file, { full: false })
  const { manifest } = archive
  if (manifest.schemaVersion > SCHEMA_VERSION) {
    throw new CoreError('BACKUP_NEWER', { found: manifest.schemaVersion })
  }
  const work = join(workDirOf(paths), randomBytes(6).toString('hex'))
  mkdirSync(work, { recursive: true, mode: 0o700 })
  try {
    const keyringFile = join(work, 'keyring.json')
    writeFileSync(keyringFile, archive.keyring, { mode: 0o600 })
    const keys = await archiveKeys(keyringFile, secret)
    const dbFile = join(work, 'concord.db')
    try {
      extractPart(file, archive.entries['concord.db'], dbFile)
      // The extracted bytes are what gets checked and restored, whatever the file does later.
      const { sha256 } = hashFile(dbFile)
      if (sha256 !== manifest.parts['concord.db'].sha256) throw new CoreError('BACKUP_CORRUPT')
      if (!sameFacts(checkWithAny(dbFile, keys), manifest)) throw new CoreError('BACKUP_CORRUPT')
    } finally {
      for (const key of keys) key.fill(0)
    }
    return {
      preview: {
        file,
        organization: manifest.organization,
        createdAt: manifest.createdAt,
        appVersion: manifest.appVersion,
        schemaVersion: manifest.schemaVersion,
        tables: manifest.tables,
      },
      manifest,
      dbFile,
      keyring: archive.keyring,
    }
  } catch (error) {
    rmSync(work, { recursive: true, force: true })
    throw error
  }
}

/** Removes a verified archive's scratch copy. */
export function discardVerified(verified: VerifiedArchive): void {
  rmSync(join(verified.dbFile, '..'), { recursive: true, force: true })
}

/**
 * Puts the verified case base and keyring in the staging folder, fsynced, then writes the
 * commit marker. Before the marker a crash leaves the old case base (the staging folder is
 * discarded on the next start); after it, the restore is completed on the next start.
 * `afterStep` lets tests stop the process between steps.
 */
export function stageRestore(
  paths: CasePaths,
  verified: VerifiedArchive,
  afterStep: (step: string) => void = () => {},
): void {
  const staging = stagingOf(paths)
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging, { recursive: true, mode: 0o700 })
  renameSync(verified.dbFile, join(staging, 'concord.db'))
  afterStep('staged-db')
  writeFileAtomic(join(staging, 'keyring.json'), verified.keyring)
  fsyncDirectory(staging)
  afterStep('staged-keyring')
  writeFileAtomic(join(staging, COMMIT), `${verified.manifest.parts['concord.db'].sha256}\n`)
  afterStep('committed')
  discardVerified(verified)
}

/**
 * Finishes or discards a restore, as the first thing any start does (detectInstallation).
 * With the marker, each step is repeated until done: the old write-ahead log goes first (it
 * belongs to the old case base and must never be replayed into the new one), then the case
 * base, then the keyring, then the marker. Without it, the staging folder is dropped.
 * Must run while the case base is closed.
 */
export function completeRestore(paths: CasePaths, afterStep: (step: string) => void = () => {}) {
  const staging = stagingOf(paths)
  if (!existsSync(staging)) return
  if (!existsSync(join(staging, COMMIT))) {
    rmSync(staging, { recursive: true, force: true })
    return
  }
  const stagedDb = join(staging, 'concord.db')
  const stagedKeyring = join(staging, 'keyring.json')
  if (existsSync(stagedDb)) {
    rmSync(`${paths.caseBase}-wal`, { force: true })
    rmSync(`${paths.caseBase}-shm`, { force: true })
    renameSync(stagedDb, paths.caseBase)
    afterStep('moved-db')
  }
  if (existsSync(stagedKeyring)) {
    renameSync(stagedKeyring, paths.keyring)
    afterStep('moved-keyring')
  }
  fsyncDirectory(paths.dataDir)
  rmSync(join(staging, COMMIT), { force: true })
  rmSync(staging, { recursive: true, force: true })
}
