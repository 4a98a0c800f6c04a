import type { Migration } from 'kysely/migration'
import * as m0001 from './0001-foundation'
import * as m0002 from './0002-cases'
import * as m0003 from './0003-attachments'
import * as m0004 from './0004-clock-adjustments'
import * as m0005 from './0005-calendar-overrides'
import * as m0006 from './0006-party-relations'
import * as m0007 from './0007-saved-filters'

/**
 * Every schema version, in order, bundled with the app (no file-system lookup, so it works
 * inside asar and in a worker bundle). A new version is a new file plus one line here.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-cases': m0002,
  '0003-attachments': m0003,
  '0004-clock-adjustments': m0004,
  '0005-calendar-overrides': m0005,
  '0006-party-relations': m0006,
  '0007-saved-filters': m0007,
}

export function versionOf(name: string): number {
  return Number.parseInt(name.slice(0, 4), 10)
}

export const SCHEMA_VERSION = Math.max(...Object.keys(MIGRATIONS).map(versionOf))
