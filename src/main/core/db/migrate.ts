import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Migrator, type Migration } from 'kysely/migration'
import { CoreError } from '../errors'
import { MIGRATIONS, versionOf } from './migrations'
import type { CaseBase } from './open'

const MIGRATION_TABLE = 'kysely_migration'

function appliedMigrations(caseBase: CaseBase): string[] {
  const table = caseBase.sqlite
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(MIGRATION_TABLE)
  if (!table) return []
  return caseBase.sqlite
    .prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`)
    .pluck()
    .all() as string[]
}

/**
 * Brings the case base to the newest schema this build knows. A case base written by a newer
 * build is refused before anything is written; an existing case base gets an encrypted safety
 * copy first; all pending migrations run in one transaction, so a failure leaves the old
 * version intact and usable.
 */
export async function migrateCaseBase(
  caseBase: CaseBase,
  options: { safetyDir: string; migrations?: Record<string, Migration> },
): Promise<void> {
  const migrations = options.migrations ?? MIGRATIONS
  const known = Object.keys(migrations).sort()
  const supported = Math.max(...known.map(versionOf))
  const applied = appliedMigrations(caseBase)
  const unknown = applied.filter((name) => !(name in migrations))
  if (unknown.length > 0) {
    const found = Math.max(...unknown.map(versionOf))
    throw new CoreError('CASEBASE_NEWER_VERSION', {
      found: Number.isFinite(found) ? found : unknown.length,
      supported,
    })
  }
  const pending = known.filter((name) => !applied.includes(name))
  if (pending.length === 0) return
  if (applied.length > 0) {
    mkdirSync(options.safetyDir, { recursive: true, mode: 0o700 })
    const copy = join(options.safetyDir, `before-v${supported}-${Date.now()}.db`)
    // Same key as the source: the copy is as encrypted as the case base (DESIGN.md §2).
    caseBase.sqlite.prepare('VACUUM INTO ?').run(copy)
  }
  const migrator = new Migrator({
    db: caseBase.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
  })
  const { error } = await migrator.migrateToLatest()
  if (error) throw new CoreError('MIGRATION_FAILED')
}
