import type { Migration } from 'kysely/migration'
import * as m0001 from './0001-foundation'
import * as m0002 from './0002-cases'

/**
 * Every schema version, in order, bundled with the app (no file-system lookup, so it works
 * inside asar and in a worker bundle). A new version is a new file plus one line here.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-cases': m0002,
}

export function versionOf(name: string): number {
  return Number.parseInt(name.slice(0, 4), 10)
}

export const SCHEMA_VERSION = Math.max(...Object.keys(MIGRATIONS).map(versionOf))
