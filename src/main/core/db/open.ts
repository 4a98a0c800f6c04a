import Sqlite from 'better-sqlite3-multiple-ciphers'
import { CamelCasePlugin, Kysely, SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely'
import { CoreError } from '../errors'
import type { Database } from './schema'

export type SqliteHandle = InstanceType<typeof Sqlite>

export interface CaseBase {
  readonly sqlite: SqliteHandle
  readonly db: Kysely<Database>
  close(): Promise<void>
}

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says otherwise and its Migrator
 * would then run migrations unwrapped. Saying so makes every pending migration one
 * all-or-nothing transaction.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

class CaseBaseDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter()
  }
}

/** SQLCipher 4 settings, in this order, before any other statement (docs/security.md). */
export function applyCipher(sqlite: SqliteHandle, key: Buffer): void {
  sqlite.pragma(`cipher='sqlcipher'`)
  sqlite.pragma('legacy=4')
  sqlite.pragma(`key="x'${key.toString('hex')}'"`)
}

/**
 * Opens (or creates) the encrypted case base. A wrong key is not refused by SQLite at open,
 * only by the first read, so a read runs right after keying. Nothing is written before that
 * read succeeds.
 */
export function openCaseBase(file: string, key: Buffer, options: { create: boolean }): CaseBase {
  let sqlite: SqliteHandle
  try {
    sqlite = new Sqlite(file, { fileMustExist: !options.create })
  } catch {
    throw new CoreError(options.create ? 'INTERNAL' : 'CASEBASE_MISSING')
  }
  try {
    applyCipher(sqlite, key)
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get()
  } catch (error) {
    sqlite.close()
    throw new CoreError(isNotADatabase(error) ? 'CASEBASE_WRONG_KEY' : 'CASEBASE_CORRUPT')
  }
  try {
    sqlite.pragma('journal_mode = WAL')
    // FULL: a mediator's saved record must survive a power cut; each save is a few ms anyway.
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    // Sorts and temp indexes stay in memory so no plaintext spills into temp files.
    sqlite.pragma('temp_store = MEMORY')
  } catch {
    sqlite.close()
    throw new CoreError('CASEBASE_CORRUPT')
  }
  const db = new Kysely<Database>({
    dialect: new CaseBaseDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  })
  return {
    sqlite,
    db,
    async close() {
      await db.destroy()
    },
  }
}

function isNotADatabase(error: unknown): boolean {
  return error instanceof Error && /not a database|SQLITE_NOTADB/i.test(error.message)
}
