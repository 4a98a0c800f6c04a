import Sqlite from 'better-sqlite3-multiple-ciphers'
import { CoreError } from '../errors'
import { versionOf } from '../db/migrations'
import { applyCipher, type SqliteHandle } from '../db/open'

/** What a case base holds, as recorded in a manifest and compared after every copy. */
export interface CaseBaseFacts {
  organization: string
  schemaVersion: number
  tables: Record<string, number>
}

/** Rows per table, the organization's name and the schema version, read on any connection. */
export function factsOf(sqlite: SqliteHandle): CaseBaseFacts {
  const names = sqlite
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[]
  const tables: Record<string, number> = {}
  for (const name of names) {
    tables[name] = sqlite
      .prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number
  }
  const organization = names.includes('organization')
    ? ((sqlite.prepare('SELECT name FROM organization').pluck().get() as string | undefined) ?? '')
    : ''
  const migrations = names.includes('kysely_migration')
    ? (sqlite.prepare('SELECT name FROM kysely_migration').pluck().all() as string[])
    : []
  const schemaVersion = Math.max(0, ...migrations.map(versionOf).filter(Number.isFinite))
  return { organization, schemaVersion, tables }
}

/**
 * Opens a copy read-only with `key` and checks it thoroughly: the key fits, SQLite's own
 * integrity check passes, and its facts are returned for comparison. A copy that fails is
 * reported as BACKUP_CORRUPT.
 */
export function checkCopy(file: string, key: Buffer): CaseBaseFacts {
  let sqlite: SqliteHandle
  try {
    sqlite = new Sqlite(file, { readonly: true, fileMustExist: true })
  } catch {
    throw new CoreError('BACKUP_CORRUPT')
  }
  try {
    applyCipher(sqlite, key)
    const result = sqlite.pragma('integrity_check') as { integrity_check: string }[]
    if (result.length !== 1 || result[0]?.integrity_check !== 'ok') {
      throw new CoreError('BACKUP_CORRUPT')
    }
    return factsOf(sqlite)
  } catch (error) {
    if (error instanceof CoreError) throw error
    throw new CoreError('BACKUP_CORRUPT')
  } finally {
    sqlite.close()
  }
}

export function sameFacts(a: CaseBaseFacts, b: CaseBaseFacts): boolean {
  return (
    a.organization === b.organization &&
    a.schemaVersion === b.schemaVersion &&
    JSON.stringify(Object.entries(a.tables).sort()) ===
      JSON.stringify(Object.entries(b.tables).sort())
  )
}
