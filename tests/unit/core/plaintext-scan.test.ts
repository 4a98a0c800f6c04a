import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import { rotatingLog } from '../../../src/main/shell/log'
import { residentIdCheckCharacter } from '../../../src/shared/domain/resident-id'
import {
  ADMIN,
  OWN_PASSWORD,
  call,
  setUpStaff,
  signInAs,
  tempDir,
  testCore,
  type Staff,
} from '../../support/core'
import { caseInput, onCase } from './case-fixtures'

/**
 * Issue 8 item 3: after a whole session — setup, a case of every category with people,
 * records and attachments, documents and exports (handed to the window, never written by the
 * core), a backup, a restore, a lock — no personal value the session typed is anywhere in
 * clear: not in the case base, its WAL or SHM, the safety copies, the backups, the keyring,
 * the logs, or the temporary folder the core and SQLite were given.
 */
const root = tempDir('concord-scan-')
const dirs = {
  data: join(root.dir, 'data'),
  backups: join(root.dir, 'backups'),
  logs: join(root.dir, 'logs'),
  tmp: join(root.dir, 'tmp'),
}
for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true })
// SQLite and Node put their temporary files here for this test's process.
process.env.TMPDIR = dirs.tmp
process.env.SQLITE_TMPDIR = dirs.tmp

const withCheck = (first17: string) => first17 + residentIdCheckCharacter(first17)
const PEOPLE = [
  { name: '欧阳娜娜', id: withCheck('31010419850315012'), phone: '13912345678' },
  { name: '司徒浩然', id: withCheck('31011519900101003'), phone: '13698765432' },
  { name: '诸葛秀英', id: withCheck('31010119771231004'), phone: '021-62345678' },
  { name: '端木子轩', id: withCheck('31023020020808001'), phone: '15800001111' },
]
const ADDRESS = '上海市徐汇区枫林路777弄9号1203室'
const NOTE = '背靠背谈话：欧阳娜娜透露其收入约八千元'
const MARKER = 'SCAN-ATTACHMENT-MARKER-7F3A'
const SECRETS = [
  ...PEOPLE.flatMap((p) => [p.name, p.id, p.phone, p.phone.replace('-', '')]),
  ADDRESS,
  NOTE,
  MARKER,
  ADMIN.password,
  OWN_PASSWORD,
]
const LOGINS = ['zhuguan', 'tiaojie', 'tongshi', ADMIN.login]

let core: Core
let staff: Staff
const log = rotatingLog({ dir: dirs.logs })

/** Every file under the root, and for each secret found in it, where. */
function plaintextFound(values: readonly string[]): string[] {
  const hits: string[] = []
  for (const entry of readdirSync(root.dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    const bytes = readFileSync(path)
    for (const value of values) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        if (bytes.includes(Buffer.from(value, encoding))) {
          hits.push(`${value} (${encoding}) in ${path.slice(root.dir.length)}`)
        }
      }
    }
  }
  return hits
}

beforeAll(async () => {
  core = testCore(dirs.data, { log })
  staff = await setUpStaff(core)
  await signInAs(core, ADMIN.login)
  await call(core, 'backup.updateSettings', { folder: dirs.backups })
  await signInAs(core, staff.mediator.login)
  const categories = ['family', 'petition', 'expropriation', 'owners'] as const
  for (const [i, category] of categories.entries()) {
    const person = PEOPLE[i]!
    const c = onCase(
      core,
      await call(core, 'cases.create', {
        ...caseInput(category, staff),
        summary: `${person.name}的纠纷`,
      }),
    )
    await c.write('parties.add', {
      party: {
        kind: 'person',
        name: person.name,
        role: 'applicant',
        idType: 'residentId',
        idNumber: person.id,
        phone: person.phone,
        address: ADDRESS,
        legalBasis: 'consent',
      },
    })
    await c.write('timeline.add', {
      entry: { kind: 'session', occurredAt: '2026-03-05T14:00', restricted: true, body: NOTE },
    })
    await c.write('attachments.add', {
      fileName: '身份证明.pdf',
      bytes: new Uint8Array(Buffer.from(`%PDF-1.7\n%${MARKER}\n%%EOF\n`)),
    })
    await call(core, 'documents.generate', {
      caseId: c.file.id,
      kind: 'caseSummary',
      format: 'docx',
    })
  }
  let progress = await call(core, 'exports.begin', {
    query: {},
    format: 'csv',
    columns: ['number', 'parties', 'idNumbers', 'phones', 'records'],
    view: 'full',
    includeRestricted: true,
  })
  while (progress.done < progress.total) {
    progress = await call(core, 'exports.next', { exportId: progress.exportId })
  }
  await call(core, 'exports.finish', { exportId: progress.exportId })
})

afterAll(async () => {
  await core.close()
  root.remove()
})

describe('no plaintext anywhere (issue 8 item 3)', () => {
  it('while the case base is open, with its WAL and SHM beside it', () => {
    expect(readdirSync(dirs.data)).toEqual(expect.arrayContaining(['concord.db', 'keyring.json']))
    expect(plaintextFound(SECRETS)).toEqual([])
  })

  it('after a backup, a change, a restore and a lock', async () => {
    await signInAs(core, ADMIN.login)
    const backup = await call(core, 'backup.create')
    await call(core, 'settings.update', { orgName: '改过名字的调解委员会' })
    await call(core, 'backup.restore', {
      file: join(dirs.backups, backup.file),
      secret: { login: ADMIN.login, password: ADMIN.password },
    })
    await call(core, 'auth.unlock', { login: staff.mediator.login, password: OWN_PASSWORD })
    const { total } = await call(core, 'cases.list', { sort: 'number', direction: 'asc' })
    expect(total).toBe(4)
    // Refusals are what gets logged; the wrong password is one of the session's own values.
    await call(core, 'auth.lock')
    const wrong = await core.handle({
      channel: 'auth.unlock',
      payload: { login: staff.mediator.login, password: `${PEOPLE[0]!.name}${PEOPLE[0]!.id}` },
    })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } })
    expect(readdirSync(dirs.backups).length).toBeGreaterThan(0)
    expect(readdirSync(dirs.logs).length).toBeGreaterThan(0)
    expect(plaintextFound(SECRETS)).toEqual([])
  })

  it('names nobody in the keyring or the logs: logins are kept only as keyed hashes', () => {
    const outside = readdirSync(root.dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith('.db') && !e.name.endsWith('.tar'))
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
      .join('\n')
    for (const login of LOGINS) expect(outside).not.toContain(`"${login}"`)
  })
})
