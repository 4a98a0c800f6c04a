import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { CoreError } from '../errors'
import type { CasePaths } from '../paths'
import { keepOnlyGenerationOf, writeKeyring, type Keyring } from './keyring'
import { applyCipher, type SqliteHandle } from './open'

/**
 * Re-encrypts the open case base under `newKey`. SQLite3MC's PRAGMA rekey rewrites every page
 * in one write transaction (in WAL mode: every page into the WAL, then one commit), so a
 * crash leaves the case base wholly under the old key or wholly under the new one; tests
 * kill a process mid-rekey to hold it to that. The checkpoints before and after leave no
 * frames of the old key in the WAL.
 */
export function rekeyCaseBase(sqlite: SqliteHandle, newKey: Buffer): void {
  checkpoint(sqlite)
  sqlite.pragma(`rekey="x'${newKey.toString('hex')}'"`)
  checkpoint(sqlite)
}

function checkpoint(sqlite: SqliteHandle): void {
  const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
  if (result?.busy) throw new CoreError('INTERNAL')
}

/** PRAGMA quick_check: page structure and encryption of every page, in a few ms per MB. */
export function quickCheck(sqlite: SqliteHandle): boolean {
  return sqlite.pragma('quick_check', { simple: true }) === 'ok'
}

/**
 * Re-encrypts a closed database file from `from` to `to`. Returns false, changing nothing,
 * when `from` does not open it (already under `to`, or some other key).
 */
export function rekeyFile(file: string, from: Buffer, to: Buffer): boolean {
  const sqlite = new Sqlite(file, { fileMustExist: true })
  try {
    applyCipher(sqlite, from)
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get()
    } catch {
      return false
    }
    rekeyCaseBase(sqlite, to)
    return true
  } finally {
    sqlite.close()
  }
}

/** The encrypted copies kept beside the case base (safety copies before schema upgrades). */
export function keptCopies(safetyDir: string): string[] {
  if (!existsSync(safetyDir)) return []
  return readdirSync(safetyDir)
    .filter((name) => name.endsWith('.db'))
    .map((name) => join(safetyDir, name))
}

/** Re-encrypts kept copies still under one of `losers` to `winner`. */
export function rekeyKeptCopies(safetyDir: string, losers: Buffer[], winner: Buffer): void {
  for (const file of keptCopies(safetyDir)) {
    for (const loser of losers) if (rekeyFile(file, loser, winner)) break
  }
}

/**
 * The end of a key rotation, also run by an unlock that finds two generations (a rotation
 * was interrupted): whichever key opened the case base wins, kept copies under the other are
 * re-encrypted, and only the winner's generation stays in the keyring.
 */
export function settleGenerations(
  paths: Pick<CasePaths, 'keyring' | 'safetyDir'>,
  keyring: Keyring,
  winner: Buffer,
  losers: Buffer[],
): void {
  rekeyKeptCopies(paths.safetyDir, losers, winner)
  writeKeyring(paths.keyring, keepOnlyGenerationOf(keyring, winner))
}
