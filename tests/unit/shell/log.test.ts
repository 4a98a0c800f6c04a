import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { caseBaseKeyCandidates, readKeyring, userSlot } from '../../../src/main/core/db/keyring'
import { openCaseBase } from '../../../src/main/core/db/open'
import { casePaths } from '../../../src/main/core/paths'
import { LOG_FILE, logLine, rotatingLog, type LogEvent } from '../../../src/main/shell/log'
import {
  ADMIN,
  addUser,
  call,
  firstSignIn,
  OWN_PASSWORD,
  refusal,
  setUp,
  signInAs,
  tempDir,
  TEMPORARY_PASSWORD,
  testCore,
} from '../../support/core'
import { APPLICANT, caseInput, ID_NUMBERS, onCase } from '../core/case-fixtures'

const dirs: ReturnType<typeof tempDir>[] = []
const newDir = () => {
  const dir = tempDir('concord-log-')
  dirs.push(dir)
  return dir.dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove()
})

const logFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.log'))
const allLogText = (dir: string) =>
  logFiles(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('')

describe('the log line', () => {
  it('keeps contract channels, shell events, codes and error class names', () => {
    const at = new Date('2026-03-10T02:00:00.000Z')
    expect(
      JSON.parse(
        logLine(
          { level: 'error', channel: 'cases.get', code: 'INTERNAL', cause: 'SqliteError' },
          at,
        ),
      ),
    ).toEqual({
      at: '2026-03-10T02:00:00.000Z',
      level: 'error',
      channel: 'cases.get',
      code: 'INTERNAL',
      cause: 'SqliteError',
    })
    expect(logLine({ level: 'error', channel: 'core.close', code: 'INTERNAL' }, at)).toContain(
      '"channel":"core.close"',
    )
  })

  it('writes ? for anything else a caller passes: made-up channels, messages as causes', () => {
    const line = logLine(
      {
        level: 'warn',
        channel: `张三丰 ${ID_NUMBERS.zhang}`,
        code: 'NOT_A_CODE' as LogEvent['code'],
        cause: `Error: UNIQUE constraint failed: party.id_number = ${ID_NUMBERS.zhang}`,
      },
      new Date(),
    )
    expect(JSON.parse(line)).toMatchObject({ channel: '?', code: 'INTERNAL', cause: '?' })
    expect(line).not.toContain(ID_NUMBERS.zhang)
  })
})

describe('the rotating log file', () => {
  it('rotates at the size limit and keeps only the configured number of files', () => {
    const dir = newDir()
    const write = rotatingLog({ dir, maxBytes: 1000, files: 3 })
    for (let i = 0; i < 500; i++) {
      write(
        { level: 'warn', channel: 'cases.get', code: 'NOT_FOUND' },
        new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      )
    }
    expect(logFiles(dir).sort()).toEqual(['concord.1.log', 'concord.2.log', LOG_FILE])
    for (const name of logFiles(dir))
      expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(1000)
    const newest = readFileSync(join(dir, LOG_FILE), 'utf8').trimEnd().split('\n').at(-1)
    expect(newest).toContain(new Date(Date.UTC(2026, 0, 1, 0, 0, 499)).toISOString())
  })

  it('never throws when the folder cannot be written', () => {
    const dir = newDir()
    const write = rotatingLog({ dir: join(readdirSync(dir).join(''), '\u0000bad') })
    expect(() => write({ level: 'warn', channel: 'cases.get', code: 'NOT_FOUND' })).not.toThrow()
  })
})

describe('what a whole session writes to the log', () => {
  it('holds no personal value, password, recovery code or key, at any level', async () => {
    const data = newDir()
    const logs = newDir()
    const events: LogEvent[] = []
    const write = rotatingLog({ dir: logs, maxBytes: 512, files: 50 })
    let clock = Date.parse('2026-03-10T02:00:00.000Z')
    const core = testCore(data, {
      now: () => new Date(clock),
      log: (event) => {
        events.push(event)
        write(event)
      },
    })
    const WRONG_PASSWORDS = ['Cuowu-Mima-0001', 'Zhangsan-1980-0101', 'Huangpu-Jiang-Feng-89']
    const NOTE = '张三丰称其妻李四于三月二日深夜离家，住浦东新区世纪大道100号'
    const ADDRESS = '上海市黄浦区中山东一路18号'
    try {
      const recoveryCode = await setUp(core)
      const mediator = await addUser(core, {
        login: 'tiaojie',
        displayName: '诸葛调解',
        role: 'mediator',
      })
      await firstSignIn(core, mediator.login)

      // Wrong passwords until throttled, and a wrong recovery code.
      for (const password of [...WRONG_PASSWORDS, ...WRONG_PASSWORDS]) {
        await refusal(core, 'auth.unlock', { login: ADMIN.login, password })
      }
      await refusal(core, 'auth.unlockWithRecoveryCode', {
        recoveryCode: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ',
      })
      clock += 20 * 60_000

      // A case with personal data, then refusals of every kind carrying it.
      await signInAs(core, mediator.login)
      const c = onCase(
        core,
        await call(core, 'cases.create', caseInput('family', { mediator } as never)),
      )
      await c.write('parties.add', { party: { ...APPLICANT, address: ADDRESS } })
      await c.write('timeline.add', {
        entry: { kind: 'note', occurredAt: '2026-03-05T10:00', body: NOTE },
      })
      const stale = { caseId: c.file.id, version: c.file.version - 1 }
      const codes = [
        await refusal(core, 'parties.add', {
          ...stale,
          party: { ...APPLICANT, idNumber: '31010119800101123Y' },
        }),
        await refusal(core, 'timeline.add', {
          ...stale,
          entry: { kind: 'note', occurredAt: '2026-03-05T10:00', body: NOTE },
        }),
        await refusal(core, 'users.create', {
          displayName: APPLICANT.name,
          login: 'zhangsanfeng',
          role: 'admin',
          temporaryPassword: WRONG_PASSWORDS[0],
        }),
        await refusal(core, 'cases.get', { caseId: '9f0c4a7e-3b1d-4c2a-8e5f-123456789abc' }),
        await refusal(core, `${APPLICANT.name} ${ID_NUMBERS.zhang}`, { phone: APPLICANT.phone }),
        await refusal(core, 'auth.changePassword', {
          currentPassword: WRONG_PASSWORDS[1],
          newPassword: WRONG_PASSWORDS[2],
        }),
      ].map((error) => error.code)
      expect(codes).toEqual([
        'VALIDATION',
        'CONFLICT',
        'FORBIDDEN',
        'NOT_FOUND',
        'UNKNOWN_CHANNEL',
        'WRONG_CREDENTIALS',
      ])

      // INTERNAL with the personal value in the error's own message: SQLite quoting the note.
      const keyring = readKeyring(casePaths(data).keyring)
      const slot = userSlot(keyring, ADMIN.login)
      const key = slot
        ? (await caseBaseKeyCandidates(keyring, slot, ADMIN.password))?.[0]?.key
        : null
      if (!key) throw new Error('the administrator cannot unwrap the key')
      const keyHex = key.toString('hex')
      const direct = openCaseBase(casePaths(data).caseBase, key, { create: false })
      direct.sqlite.exec(
        `CREATE TRIGGER quote_note BEFORE INSERT ON timeline_entry BEGIN SELECT RAISE(ABORT, NEW.body); END`,
      )
      await direct.close()
      const internal = await refusal(core, 'timeline.add', {
        caseId: c.file.id,
        version: c.file.version,
        entry: {
          kind: 'note',
          occurredAt: '2026-03-05T11:00',
          body: `${NOTE} ${ID_NUMBERS.zhang}`,
        },
      })
      expect(internal.code).toBe('INTERNAL')
      expect(JSON.stringify(internal)).not.toContain(ID_NUMBERS.zhang)
      await call(core, 'auth.lock')

      const loggedCodes = new Set(events.map((event) => event.code))
      for (const code of [...codes, 'THROTTLED', 'INTERNAL']) expect(loggedCodes).toContain(code)
      expect(logFiles(logs).length).toBeGreaterThan(1)

      const secrets = [
        ADMIN.password,
        TEMPORARY_PASSWORD,
        OWN_PASSWORD,
        ...WRONG_PASSWORDS,
        recoveryCode,
        recoveryCode.replaceAll('-', ''),
        ...recoveryCode.split('-'),
        keyHex,
        key.toString('base64'),
        ADMIN.displayName,
        ADMIN.login,
        mediator.login,
        '诸葛调解',
        APPLICANT.name,
        ID_NUMBERS.zhang,
        APPLICANT.phone,
        APPLICANT.phone.replaceAll(' ', ''),
        ADDRESS,
        NOTE,
        '李四',
        'zhangsanfeng',
      ]
      const written = [allLogText(logs), JSON.stringify(events)]
      const hits = secrets.filter((secret) => written.some((text) => text.includes(secret)))
      expect(hits).toEqual([])
    } finally {
      await core.close()
    }
  })
})
