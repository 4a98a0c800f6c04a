import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CHANNELS } from '../../../src/shared/contract'
import { createI18n } from '../../../src/shared/i18n'
import type { AuditEntry } from '../../../src/shared/schemas/audit'
import { redactCaseDetails } from '../../../src/main/core/audit/record'
import { verifyChain } from '../../../src/main/core/audit/verify'
import { caseBaseKeyCandidates, readKeyring, userSlot } from '../../../src/main/core/db/keyring'
import { openCaseBase, type CaseBase } from '../../../src/main/core/db/open'
import { casePaths } from '../../../src/main/core/paths'
import type { Core, CoreOptions } from '../../../src/main/core/router'
import {
  ADMIN,
  addUser,
  call,
  eachTestWithStaff,
  firstSignIn,
  OWN_PASSWORD,
  refusal,
  setUp,
  signInAs,
  tempDir,
  TEMPORARY_PASSWORD,
  testCore,
  type Staff,
} from '../../support/core'
import { APPLICANT, caseInput, onCase } from './case-fixtures'

/** The case-base key, as someone who knows the administrator's password can get it. */
async function caseBaseKey(dataDir: string): Promise<Buffer> {
  const keyring = readKeyring(casePaths(dataDir).keyring)
  const slot = userSlot(keyring, ADMIN.login)
  const candidates = slot ? await caseBaseKeyCandidates(keyring, slot, ADMIN.password) : null
  if (!candidates?.[0]) throw new Error('the administrator cannot unwrap the key')
  return candidates[0].key
}

/** An attacker with the key, editing the case base behind Concord's back (core closed). */
async function asAttacker(dataDir: string, tamper: (caseBase: CaseBase) => void): Promise<void> {
  const caseBase = openCaseBase(casePaths(dataDir).caseBase, await caseBaseKey(dataDir), {
    create: false,
  })
  try {
    tamper(caseBase)
  } finally {
    await caseBase.close()
  }
}

async function allEntries(core: Core, filter: Record<string, unknown> = {}): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = []
  let before: number | undefined
  do {
    const page = await call(core, 'audit.list', { ...filter, limit: 200, before })
    entries.push(...page.rows)
    before = page.next ?? undefined
  } while (before !== undefined)
  return entries
}

/** A mediator registers a case, adds a party, changes the summary; the case views in between. */
async function workACase(core: Core, staff: Staff) {
  await signInAs(core, staff.mediator.login)
  const created = await call(core, 'cases.create', caseInput('family', staff))
  const viewed = await call(core, 'cases.get', { caseId: created.id })
  const withParty = await call(core, 'parties.add', {
    caseId: created.id,
    version: viewed.version,
    party: APPLICANT,
  })
  const updated = await call(core, 'cases.update', {
    caseId: created.id,
    version: withParty.version,
    patch: { summary: '邻里噪声纠纷，双方同意调解' },
  })
  return updated
}

describe('the audit trail records', () => {
  let core: Core
  let staff: Staff
  eachTestWithStaff({ who: (s) => s.supervisor.login }, (env) => {
    ;({ core, staff } = env)
  })

  it('setup, sign-ins, every non-passive request, never twice for a case write', async () => {
    const file = await workACase(core, staff)
    await signInAs(core, staff.supervisor.login)
    const entries = await allEntries(core)
    const actions = entries.map((e) => e.action).reverse()
    expect(actions[0]).toBe('setup.complete')
    expect(actions).toContain('users.create')
    expect(actions).toContain('auth.changePassword')
    // Passive polling and the activity heartbeat are not actions.
    expect(actions).not.toContain('cases.list')
    expect(actions).not.toContain('app.activity')

    const ofCase = await allEntries(core, { caseId: file.id })
    expect(ofCase.map((e) => e.action).reverse()).toEqual([
      'cases.create',
      'cases.get',
      'parties.add',
      'cases.update',
    ])
    expect(ofCase.every((e) => e.userName === staff.mediator.displayName)).toBe(true)
    expect(ofCase.every((e) => e.caseNumber === file.number && e.outcome === 'ok')).toBe(true)

    const [update, addParty, view, create] = ofCase
    expect(update?.changes).toEqual([
      {
        path: 'summary',
        before: JSON.stringify('邻里纠纷，双方同意调解'),
        after: JSON.stringify('邻里噪声纠纷，双方同意调解'),
        state: 'shown',
      },
    ])
    const partyId = file.parties[0]?.id
    expect(addParty?.changes).toContainEqual({
      path: `parties[${partyId}].name`,
      before: 'null',
      after: JSON.stringify(APPLICANT.name),
      state: 'shown',
    })
    expect(view?.changes).toEqual([])
    expect(create?.changes.map((c) => c.path)).toEqual(
      expect.arrayContaining(['number', 'summary', 'details.relationship', 'stage']),
    )
    // Derived values are not data: no clock or next step is ever "changed".
    const paths = ofCase.flatMap((e) => e.changes.map((c) => c.path))
    expect(paths.some((p) => /^(clocks|nextSteps|version|updatedAt)\b/.test(p))).toBe(false)
  })

  it('shows an administrator which fields changed, not their values', async () => {
    const file = await workACase(core, staff)
    await signInAs(core, ADMIN.login)
    const [update] = await allEntries(core, { caseId: file.id })
    expect(update?.changes).toEqual([
      { path: 'summary', before: null, after: null, state: 'hidden' },
    ])
  })

  it('records refused case access as denied, with the case', async () => {
    await signInAs(core, staff.mediator.login)
    const file = await call(core, 'cases.create', caseInput('family', staff))
    await signInAs(core, staff.colleague.login)
    expect((await refusal(core, 'cases.get', { caseId: file.id })).code).toBe('NOT_FOUND')
    await signInAs(core, ADMIN.login)
    expect((await refusal(core, 'cases.get', { caseId: file.id })).code).toBe('FORBIDDEN')
    await signInAs(core, staff.supervisor.login)
    const denied = (await allEntries(core, { caseId: file.id })).filter(
      (e) => e.outcome === 'denied',
    )
    expect(denied.map((e) => [e.action, e.userId])).toEqual([
      ['cases.get', await adminId(core)],
      ['cases.get', staff.colleague.id],
    ])
  })

  it('records case views of attachments with their case', async () => {
    await signInAs(core, staff.mediator.login)
    const file = await call(core, 'cases.create', caseInput('family', staff))
    const withFile = await call(core, 'attachments.add', {
      caseId: file.id,
      version: file.version,
      fileName: '申请书.txt',
      bytes: new TextEncoder().encode('调解申请'),
      checklistItemId: 'application',
      restricted: false,
    } as never)
    const attachmentId = withFile.attachments[0]?.id ?? ''
    await call(core, 'attachments.get', { attachmentId })
    await signInAs(core, staff.supervisor.login)
    const entries = await allEntries(core, { caseId: file.id })
    expect(entries[0]?.action).toBe('attachments.get')
    // The metadata of the file, never its bytes.
    const added = entries.find((e) => e.action === 'attachments.add')
    expect(added?.changes.map((c) => c.path)).toContain(`attachments[${attachmentId}].fileName`)
    expect(added?.changes.some((c) => c.path.includes('bytes') || c.path.includes('data'))).toBe(
      false,
    )
  })

  it('counts the failed attempts before a sign-in, and records locking', async () => {
    await call(core, 'auth.lock')
    for (let i = 0; i < 2; i += 1) {
      await refusal(core, 'auth.unlock', { login: staff.mediator.login, password: 'Falsch-123456' })
    }
    await signInAs(core, staff.supervisor.login)
    const [unlock, lock] = await allEntries(core, { action: undefined, limit: 2 })
    expect(unlock?.action).toBe('auth.unlock')
    expect(unlock?.changes).toEqual([
      { path: 'failedAttempts', before: 'null', after: '2', state: 'shown' },
    ])
    expect(lock?.action).toBe('auth.lock')
    expect(lock?.userId).toBe(staff.supervisor.id)
  })

  it('filters by user, action, case number and China dates, and pages by seq', async () => {
    const file = await workACase(core, staff)
    await signInAs(core, staff.supervisor.login)
    const byUser = await allEntries(core, { userId: staff.mediator.id })
    expect(byUser.every((e) => e.userId === staff.mediator.id)).toBe(true)
    const byAction = await allEntries(core, { action: 'parties.add' })
    expect(byAction).toHaveLength(1)
    const byNumber = await allEntries(core, { caseNumber: file.number.slice(-6) })
    expect(byNumber.length).toBe(4)
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
    expect((await allEntries(core, { from: today, to: today })).length).toBeGreaterThan(10)
    expect(await allEntries(core, { to: '2020-01-01' })).toEqual([])

    const first = await call(core, 'audit.list', { limit: 3 })
    const second = await call(core, 'audit.list', { limit: 3, before: first.next ?? 0 })
    expect(first.rows.map((e) => e.seq)).toEqual(
      [...first.rows.map((e) => e.seq)].sort((a, b) => b - a),
    )
    expect(second.rows[0]?.seq).toBeLessThan(first.rows.at(-1)?.seq ?? 0)
  })

  it('is for supervisors and administrators only', async () => {
    await signInAs(core, staff.mediator.login)
    expect((await refusal(core, 'audit.list', {})).code).toBe('FORBIDDEN')
    expect((await refusal(core, 'audit.verify')).code).toBe('FORBIDDEN')
  })
})

async function adminId(core: Core): Promise<string> {
  const users = await call(core, 'users.list')
  return users.find((u) => u.role === 'admin')?.id ?? ''
}

describe('the audit chain', () => {
  /** A case base with some history, the core closed; returns a function reopening it. */
  async function history(options: Partial<CoreOptions> = {}) {
    const data = tempDir()
    let core = testCore(data.dir, options)
    await setUp(core)
    const staff: Staff = {
      supervisor: await addUser(core, {
        login: 'zhuguan',
        displayName: '司马主管',
        role: 'supervisor',
      }),
      mediator: await addUser(core, {
        login: 'tiaojie',
        displayName: '诸葛调解',
        role: 'mediator',
      }),
      colleague: await addUser(core, {
        login: 'tongshi',
        displayName: '上官同事',
        role: 'mediator',
      }),
    }
    for (const user of [staff.mediator, staff.supervisor]) await firstSignIn(core, user.login)
    const file = await workACase(core, staff)
    await core.close()
    return {
      data,
      file,
      async reopen() {
        core = testCore(data.dir, options)
        await signInAs(core, 'zhuguan')
        return core
      },
      async verify() {
        const reopened = await this.reopen()
        const result = await call(reopened, 'audit.verify')
        await reopened.close()
        return result
      },
    }
  }

  it('verifies an untouched trail, and the triggers refuse changing it', async () => {
    const h = await history()
    try {
      const result = await h.verify()
      expect(result.ok).toBe(true)
      expect(result.checked).toBeGreaterThan(10)
      await asAttacker(h.data.dir, ({ sqlite }) => {
        expect(() =>
          sqlite.prepare(`UPDATE audit_entry SET action = 'x' WHERE seq = 2`).run(),
        ).toThrow(/append-only/)
        expect(() => sqlite.prepare(`DELETE FROM audit_entry WHERE seq = 2`).run()).toThrow(
          /append-only/,
        )
        expect(() => sqlite.prepare(`DELETE FROM audit_detail`).run()).toThrow(/append-only/)
        expect(() =>
          sqlite.prepare(`UPDATE audit_detail SET after = '"x"' WHERE idx = 0`).run(),
        ).toThrow(/only be erased/)
      })
    } finally {
      h.data.remove()
    }
  })

  const tamperings: [string, string, (sqlite: CaseBase['sqlite']) => number, string][] = [
    [
      'an edited entry',
      'audit_entry_no_update',
      (sqlite) => {
        sqlite.prepare(`UPDATE audit_entry SET user_id = 'someone-else' WHERE seq = 5`).run()
        return 5
      },
      'edited',
    ],
    [
      'a deleted entry',
      'audit_entry_no_delete',
      (sqlite) => {
        sqlite.prepare(`DELETE FROM audit_entry WHERE seq = 6`).run()
        return 7
      },
      'gap',
    ],
    [
      'the newest entry deleted',
      'audit_entry_no_delete; DROP TRIGGER audit_detail_no_delete',
      (sqlite) => {
        const last = sqlite.prepare(`SELECT max(seq) FROM audit_entry`).pluck().get() as number
        sqlite.prepare(`DELETE FROM audit_detail WHERE seq = ?`).run(last)
        sqlite.prepare(`DELETE FROM audit_entry WHERE seq = ?`).run(last)
        // Signing in to verify writes the next entry: seq goes on from SQLite's counter.
        return last + 1
      },
      'gap',
    ],
    [
      'two entries swapped',
      'audit_entry_no_update',
      (sqlite) => {
        const row = (seq: number) =>
          sqlite.prepare(`SELECT * FROM audit_entry WHERE seq = ?`).get(seq) as Record<
            string,
            unknown
          >
        const [a, b] = [row(3), row(4)]
        const put = sqlite.prepare(
          `UPDATE audit_entry SET at = @at, user_id = @user_id, action = @action, case_id = @case_id,
             outcome = @outcome, details_hash = @details_hash, prev_hash = @prev_hash,
             entry_hash = @entry_hash WHERE seq = @seq`,
        )
        put.run({ ...b, seq: 3 })
        put.run({ ...a, seq: 4 })
        return 3
      },
      'link',
    ],
    [
      'an inserted entry',
      'audit_entry_no_update',
      (sqlite) => {
        // Make room after entry 4 by renumbering, then forge one (hashes of its own making).
        const last = sqlite.prepare(`SELECT max(seq) FROM audit_entry`).pluck().get() as number
        sqlite.pragma('foreign_keys = OFF')
        sqlite.prepare(`DROP TRIGGER audit_detail_redact_only`).run()
        for (let seq = last; seq >= 5; seq -= 1) {
          sqlite.prepare(`UPDATE audit_detail SET seq = seq + 1 WHERE seq = ?`).run(seq)
          sqlite.prepare(`UPDATE audit_entry SET seq = seq + 1 WHERE seq = ?`).run(seq)
        }
        const prev = sqlite
          .prepare(`SELECT entry_hash FROM audit_entry WHERE seq = 4`)
          .pluck()
          .get()
        sqlite
          .prepare(
            `INSERT INTO audit_entry (seq, at, user_id, action, case_id, outcome, details_hash,
               prev_hash, entry_hash) VALUES (5, '2026-01-01T00:00:00.000Z', NULL, 'users.create',
               NULL, 'ok', NULL, ?, ?)`,
          )
          .run(prev, 'f'.repeat(64))
        return 5
      },
      'edited',
    ],
    [
      'an edited detail',
      'audit_detail_redact_only',
      (sqlite) => {
        const seq = sqlite
          .prepare(`SELECT seq FROM audit_detail WHERE path = 'summary' ORDER BY seq DESC LIMIT 1`)
          .pluck()
          .get() as number
        sqlite
          .prepare(
            `UPDATE audit_detail SET after = '"无事发生"' WHERE seq = ? AND path = 'summary'`,
          )
          .run(seq)
        return seq
      },
      'detail',
    ],
  ]

  it.each(tamperings)('detects %s', async (_name, trigger, tamper, reason) => {
    const h = await history()
    try {
      let expectedSeq = 0
      await asAttacker(h.data.dir, (caseBase) => {
        caseBase.sqlite.exec(`DROP TRIGGER ${trigger}`)
        expectedSeq = tamper(caseBase.sqlite)
      })
      const result = await h.verify()
      expect(result.ok).toBe(false)
      expect(result.firstBroken?.reason).toBe(reason)
      expect(result.firstBroken?.seq).toBe(expectedSeq)
    } finally {
      h.data.remove()
    }
  })

  it('notices the newest entries deleted even before anything new is written', async () => {
    const h = await history()
    try {
      await asAttacker(h.data.dir, ({ sqlite }) => {
        sqlite.exec(`DROP TRIGGER audit_entry_no_delete; DROP TRIGGER audit_detail_no_delete`)
        const last = sqlite.prepare(`SELECT max(seq) FROM audit_entry`).pluck().get() as number
        sqlite.prepare(`DELETE FROM audit_detail WHERE seq = ?`).run(last)
        sqlite.prepare(`DELETE FROM audit_entry WHERE seq = ?`).run(last)
        expect(verifyChain(sqlite)).toMatchObject({ ok: false, firstBroken: { reason: 'tail' } })
      })
    } finally {
      h.data.remove()
    }
  })

  it('reports values erased by anonymization as redacted, the chain intact', async () => {
    const h = await history()
    try {
      const caseBase = openCaseBase(casePaths(h.data.dir).caseBase, await caseBaseKey(h.data.dir), {
        create: false,
      })
      const erased = await redactCaseDetails(caseBase.db, h.file.id, (p) => p.startsWith('parties'))
      await caseBase.close()
      const core = await h.reopen()
      const result = await call(core, 'audit.verify')
      const [, addParty] = await allEntries(core, { caseId: h.file.id })
      await core.close()
      expect(result).toMatchObject({ ok: true, redacted: expect.any(Number) })
      expect(result.redacted).toBeGreaterThan(0)
      expect(result.redacted).toBe(erased)
      expect(addParty?.changes.every((c) => c.state === 'redacted' && c.after === null)).toBe(true)
    } finally {
      h.data.remove()
    }
  })
})

describe('anonymization', () => {
  let clock = new Date('2026-03-10T02:00:00Z')
  let core: Core
  let staff: Staff
  eachTestWithStaff({ now: () => clock }, (env) => {
    ;({ core, staff } = env)
  })

  it('erases the personal values of the case from the trail, the chain intact', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
    await c.write('parties.add', { party: APPLICANT })
    await c.write('cases.transition', {
      to: 'terminated',
      reason: '张三丰拒绝继续调解',
      otherRoutesNoticeGiven: true,
    })
    await signInAs(core, ADMIN.login)
    await call(core, 'retention.set', { category: 'family', years: 1 })
    clock = new Date('2027-03-11T02:00:00Z')
    await signInAs(core, staff.supervisor.login)
    await call(core, 'cases.anonymize', {
      caseId: c.file.id,
      version: c.file.version,
      password: OWN_PASSWORD,
    })
    const entries = await allEntries(core, { caseId: c.file.id })
    expect(entries[0]?.action).toBe('cases.anonymize')
    const values = JSON.stringify(entries.flatMap((e) => e.changes))
    for (const personal of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, '拒绝继续']) {
      expect(values.includes(personal), personal).toBe(false)
    }
    expect(entries.flatMap((e) => e.changes).every((change) => change.state === 'redacted')).toBe(
      true,
    )
    const result = await call(core, 'audit.verify')
    expect(result.ok).toBe(true)
    expect(result.redacted).toBeGreaterThan(10)
  })
})

describe('secrets', () => {
  it('never reach the audit trail or the log', async () => {
    const data = tempDir()
    const log: unknown[] = []
    const core = testCore(data.dir, { log: (event) => log.push(event) })
    try {
      const { recoveryCode } = await (async () => ({ recoveryCode: await setUp(core) }))()
      await refusal(core, 'auth.unlock', { login: ADMIN.login, password: 'Wrong-Password-1' })
      await call(core, 'auth.unlock', ADMIN)
      await addUser(core, { login: 'zhuguan', displayName: '司马主管', role: 'supervisor' })
      await firstSignIn(core, 'zhuguan')
      await refusal(core, 'auth.changePassword', {
        currentPassword: 'Not-The-Password-9',
        newPassword: 'Another-Password-77',
      })
      await call(core, 'auth.lock')
      await call(core, 'auth.unlockWithRecoveryCode', { recoveryCode })
      await core.close()

      const key = (await caseBaseKey(data.dir)).toString('hex')
      const secrets = [
        ADMIN.password,
        TEMPORARY_PASSWORD,
        OWN_PASSWORD,
        'Wrong-Password-1',
        'Not-The-Password-9',
        'Another-Password-77',
        recoveryCode,
        recoveryCode.replaceAll('-', ''),
        key,
        key.toUpperCase(),
      ]
      let rows = ''
      await asAttacker(data.dir, ({ sqlite }) => {
        rows = JSON.stringify([
          sqlite.prepare('SELECT * FROM audit_entry').all(),
          sqlite.prepare('SELECT * FROM audit_detail').all(),
        ])
        expect(sqlite.prepare('SELECT count(*) FROM audit_entry').pluck().get()).toBeGreaterThan(5)
      })
      const logged = JSON.stringify(log)
      // The scan looks at real content: the entries and the logged refusals are there.
      expect(rows).toContain('auth.unlockWithRecoveryCode')
      expect(logged).toContain('WRONG_CREDENTIALS')
      for (const secret of secrets) {
        expect(rows.includes(secret), 'audit').toBe(false)
        expect(logged.includes(secret), 'log').toBe(false)
      }
      // And no file in the data folder holds one in clear (the case base is encrypted).
      for (const name of readdirSync(data.dir)) {
        if (name === 'safety') continue
        const text = readFileSync(join(data.dir, name)).toString('latin1')
        for (const secret of secrets) expect(text.includes(secret), name).toBe(false)
      }
    } finally {
      data.remove()
    }
  })
})

describe('action labels', () => {
  it('name every contract channel in both languages', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const i18n = createI18n(language)
      const missing = CHANNELS.filter((c) => !i18n.exists(`audit.actions.${c}`))
      expect(missing, language).toEqual([])
      expect(i18n.exists('audit.actions.auth.idleLock')).toBe(true)
    }
  })
})
