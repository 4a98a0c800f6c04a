import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { caseBaseKeyCandidates, readKeyring, userSlot } from '../../../src/main/core/db/keyring'
import { applyCipher } from '../../../src/main/core/db/open'
import type { Core } from '../../../src/main/core/router'
import { call, signInAs, type Staff } from '../../support/core'
import { APPLICANT, caseInput } from './case-fixtures'

/** A few cases with parties, records and an attachment, entered as the mediator. */
export async function seedCases(core: Core, staff: Staff, count = 3): Promise<void> {
  await signInAs(core, staff.mediator.login)
  for (let i = 0; i < count; i += 1) {
    let file = await call(core, 'cases.create', {
      ...caseInput(i % 2 ? 'owners' : 'family', staff),
      summary: `备份测试案件 ${i + 1}`,
    })
    file = await call(core, 'parties.add', {
      caseId: file.id,
      version: file.version,
      party: APPLICANT,
    })
    if (i === 0) {
      await call(core, 'attachments.add', {
        caseId: file.id,
        version: file.version,
        fileName: '调解申请书.txt',
        bytes: new TextEncoder().encode('申请调解，请求组织调解。'),
        checklistItemId: 'application',
      })
    }
  }
}

/** The case-base key as a third party gets it: the keyring and a password. */
export async function keyOf(dataDir: string, login: string, password: string): Promise<Buffer> {
  const keyring = readKeyring(join(dataDir, 'keyring.json'))
  const slot = userSlot(keyring, login)
  const candidates = slot ? await caseBaseKeyCandidates(keyring, slot, password) : null
  const first = candidates?.[0]
  if (!first) throw new Error('no key')
  return first.key
}

/**
 * Every row of every table, in a stable order: what "the same content" means. Read-write
 * only so that closing the last connection removes the write-ahead log, as the app does.
 */
export function dumpTables(dbFile: string, key: Buffer): Record<string, unknown[]> {
  const db = new Sqlite(dbFile, { fileMustExist: true })
  try {
    applyCipher(db, key)
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all() as string[]
    const dump: Record<string, unknown[]> = {}
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table}"`).all()
      dump[table] = rows
        .map((row) => JSON.stringify(row))
        .sort()
        .map((text) => JSON.parse(text) as unknown)
    }
    return dump
  } finally {
    db.close()
  }
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}
