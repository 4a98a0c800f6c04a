import type { Migration } from 'kysely/migration'
import * as m0001 from './0001-foundation'
import * as m0002 from './0002-cases'
import * as m0003 from './0003-attachments'
import * as m0004 from './0004-clock-adjustments'
import * as m0005 from './0005-calendar-overrides'
import * as m0006 from './0006-party-relations'
import * as m0007 from './0007-saved-filters'
import * as m0008 from './0008-audit'
import * as m0009 from './0009-privacy'
import * as m0010 from './0010-backup'
import * as m0011 from './0011-import-mappings'
import * as m0012 from './0012-search'
import * as m0013 from './0013-reports'

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
  '0008-audit': m0008,
  '0009-privacy': m0009,
  '0010-backup': m0010,
  '0011-import-mappings': m0011,
  '0012-search': m0012,
  '0013-reports': m0013,
}

export function versionOf(name: string): number {
  return Number.parseInt(name.slice(0, 4), 10)
}

export const SCHEMA_VERSION = Math.max(...Object.keys(MIGRATIONS).map(versionOf))
