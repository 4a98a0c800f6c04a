import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CHANNELS, contract, type Channel } from '../../src/shared/contract'
import { AppErrorSchema } from '../../src/shared/errors'
import type { Role } from '../../src/shared/schemas/account'
import { caseBaseKeyCandidates, readKeyring, userSlot } from '../../src/main/core/db/keyring'
import { openCaseBase, type CaseBase } from '../../src/main/core/db/open'
import { casePaths } from '../../src/main/core/paths'
import type { Core } from '../../src/main/core/router'
import {
  ADMIN,
  addUser,
  call,
  setUpStaff,
  signInAs,
  tempDir,
  testCore,
  type Staff,
} from '../support/core'
import { recordFigures } from '../support/figures'
import { APPLICANT, caseInput, ID_NUMBERS, onCase } from '../unit/core/case-fixtures'
import { hostile, mutate, mutation, shaped, type Hints } from './arbitraries'

/**
 * Issue 8 item 2: every channel of the contract (read from it, so a new channel is fuzzed
 * without touching this file) gets generated payloads from a signed-in mediator, supervisor
 * and administrator, and from nobody (the case base locked, as at the login screen), on a real
 * encrypted case base holding cases, parties, records, a file and a saved filter. Every answer
 * must be a valid result or a typed error, the core must keep answering, Object.prototype must
 * stay clean, and an error must leave the data unchanged.
 *
 * "Unchanged" means every table but the audit trail: refusals of a signed-in user (FORBIDDEN,
 * NOT_FOUND naming a case) are recorded there on purpose (src/main/core/audit/record.ts).
 *
 * Channels that end or change the session (auth.lock, auth.unlock with someone's password,
 * a lockout after wrong passwords) are fuzzed like the others; afterwards the test signs the
 * role back in, moving the core's clock past any lockout. Payloads never carry a real
 * password, so no fuzzed request can change a password, rotate the key or restore a backup;
 * account changes (users.disable, users.update, users.resetPassword) name a spare account.
 *
 * CONCORD_FUZZ_RUNS (default 40 per channel and role allowed to call it) and
 * CONCORD_FUZZ_SEED reproduce or widen a run.
 */
const RUNS = Number(process.env.CONCORD_FUZZ_RUNS ?? 40)
const SEED = Number(process.env.CONCORD_FUZZ_SEED ?? 20261125)
/** Calls refused by role before validation: a few show the refusal is typed too. */
const REFUSED_RUNS = 4
const VERSION = '\u0000current-version'

let clock = Date.parse('2026-03-10T02:00:00.000Z')
let data: ReturnType<typeof tempDir>
let core: Core
let staff: Staff
let spare: { id: string }
let spareCaseId: string
let mainCaseId: string
let otherCaseId: string
let attachmentId: string
let filterId: string
let reader: CaseBase

const PDF = new TextEncoder().encode('%PDF-1.7\n%fuzz\n%%EOF\n')

beforeAll(async () => {
  data = tempDir('concord-fuzz-')
  core = testCore(data.dir, { now: () => new Date(clock) })
  staff = await setUpStaff(core)
  await signInAs(core, ADMIN.login)
  spare = await addUser(core, { login: 'beiyong', displayName: '备用账号', role: 'mediator' })
  await signInAs(core, staff.mediator.login)
  const main = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
  mainCaseId = main.file.id
  await main.write('parties.add', { party: APPLICANT })
  await main.write('parties.add', {
    party: { ...APPLICANT, name: '李四', role: 'respondent', idNumber: ID_NUMBERS.li },
  })
  await main.write('timeline.add', {
    entry: { kind: 'session', occurredAt: '2026-03-05T10:00', body: '第一次调解，双方到场' },
  })
  const withFile = await main.write('attachments.add', { fileName: '申请书.pdf', bytes: PDF })
  attachmentId = withFile.attachments[0]?.id ?? ''
  otherCaseId = (await call(core, 'cases.create', caseInput('petition', staff))).id
  spareCaseId = (await call(core, 'cases.create', caseInput('owners', staff))).id
  filterId =
    (await call(core, 'filters.save', { name: '我的案件', query: { text: '张' } }))[0]?.id ?? ''
  const keyring = readKeyring(casePaths(data.dir).keyring)
  const slot = userSlot(keyring, ADMIN.login)
  const key = slot ? (await caseBaseKeyCandidates(keyring, slot, ADMIN.password))?.[0]?.key : null
  if (!key) throw new Error('the administrator cannot unwrap the key')
  reader = openCaseBase(casePaths(data.dir).caseBase, key, { create: false })
}, 120_000)

afterAll(async () => {
  await reader?.close()
  await core?.close()
  data?.remove()
})

const rows = <T>(query: string, ...params: unknown[]) =>
  reader.sqlite.prepare(query).all(...params) as T[]

/** Names in payloads that refer to existing rows, read fresh before each channel. */
function hints(channel: Channel): Hints {
  const ids = (query: string, ...params: unknown[]) =>
    rows<{ id: string }>(query, ...params).map((r) => r.id)
  const some = (values: string[]) => () =>
    values.length > 0 ? fc.constantFrom(...values) : fc.uuid()
  const parties = ids('SELECT id FROM party WHERE case_id = ?', mainCaseId)
  return {
    caseId: some(channel === 'cases.anonymize' ? [spareCaseId] : [mainCaseId, otherCaseId]),
    version: () => fc.constant(VERSION),
    partyId: some(parties),
    otherPartyId: some(parties),
    householdId: some(ids('SELECT id FROM household WHERE case_id = ?', mainCaseId)),
    attachmentId: some([attachmentId]),
    itemId: some(['application', 'rightsNotice', 'identityProof', 'mediationRecord']),
    checklistItemId: some(['application', 'riskAssessment']),
    userId: some([spare.id]),
    leadMediatorId: some([staff.mediator.id]),
    coMediatorIds: some([staff.colleague.id]),
    id: some([filterId]),
    login: some(['tiaojie', 'wuren']),
  }
}

/** A digest of every table except the audit trail, read through a second connection. */
function digest(): string {
  const hash = createHash('sha256')
  const tables = rows<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
       AND name NOT IN ('audit_entry', 'audit_detail', 'sqlite_sequence') ORDER BY name`,
  )
  for (const { name } of tables) {
    const lines = rows<Record<string, unknown>>(`SELECT * FROM "${name}"`).map((row) =>
      JSON.stringify(row, (_k, v: unknown) =>
        Buffer.isBuffer(v) ? createHash('sha256').update(v).digest('hex') : v,
      ),
    )
    hash.update(`${name}\n${lines.sort().join('\n')}\n`)
  }
  return hash.digest('hex')
}

const dataVersion = () => reader.sqlite.pragma('data_version', { simple: true }) as number

/** Who sends: a signed-in role, or nobody (the case base locked, as at the login screen). */
type Sender = Role | 'nobody'

const LOGINS = (role: Role) =>
  role === 'admin'
    ? ADMIN.login
    : role === 'supervisor'
      ? staff.supervisor.login
      : staff.mediator.login

/** Puts the session back as `who` had it if a fuzzed request locked, switched or locked it out. */
async function ensureSession(who: Sender): Promise<void> {
  const status = await call(core, 'app.status')
  if (who === 'nobody') {
    if (status.state !== 'locked') await call(core, 'auth.lock')
    return
  }
  if (status.session?.user.login === LOGINS(who)) return
  clock += 20 * 60_000
  await signInAs(core, LOGINS(who))
}

function allowed(channel: Channel, who: Sender): boolean {
  const access = contract[channel].access
  if (access.kind === 'anyone') return true
  return who !== 'nobody' && access.kind === 'roles' && access.roles.includes(who)
}

/** A short, printable picture of a payload for the report (no megabytes, no deep nesting). */
function picture(value: unknown, depth = 0): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…(${value.length})` : value)
  }
  if (typeof value !== 'object' || value === null) return String(value)
  if (value instanceof Uint8Array) return `bytes(${value.length})`
  if (depth > 3) return '…'
  const parts = Object.entries(value)
    .slice(0, 8)
    .map(([k, v]) => `${k}: ${picture(v, depth + 1)}`)
  return `${Array.isArray(value) ? '[' : '{'}${parts.join(', ')}${Array.isArray(value) ? ']' : '}'}`
}

const prototypeShape = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(','))
    .join('|')

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

it('answers every fuzzed payload on every channel with a result or a typed error', async () => {
  const findings: string[] = []
  const counts = { payloads: 0, ok: 0, refused: 0, changedData: 0, channels: CHANNELS.length }
  const byCode: Record<string, number> = {}
  const cleanPrototypes = prototypeShape()
  const started = performance.now()
  let baseline = digest()
  let version = dataVersion()
  const settle = () => {
    if (dataVersion() === version) return baseline
    version = dataVersion()
    return (baseline = digest())
  }

  for (const role of ['mediator', 'supervisor', 'admin', 'nobody'] as const) {
    await ensureSession(role)
    settle()
    for (const [index, channel] of CHANNELS.entries()) {
      const input = contract[channel].input
      const sample = shaped(input, hints(channel))
      const payloads = fc.sample(
        fc.oneof(
          { weight: 2, arbitrary: sample },
          {
            weight: 4,
            arbitrary: fc
              .tuple(sample, fc.nat(), mutation, hostile)
              .map(([s, at, how, v]) => mutate(s, at, how, v)),
          },
          { weight: 2, arbitrary: hostile },
          { weight: 1, arbitrary: fc.array(hostile, { maxLength: 4 }) },
        ),
        { numRuns: allowed(channel, role) ? RUNS : REFUSED_RUNS, seed: SEED + index },
      )
      for (const generated of payloads) {
        const payload = generated as Record<string, unknown> | undefined
        if (payload && typeof payload === 'object' && payload.version === VERSION) {
          const caseId = typeof payload.caseId === 'string' ? payload.caseId : ''
          const found = rows<{ version: number }>('SELECT version FROM "case" WHERE id = ?', caseId)
          payload.version = found[0]?.version ?? 1
        }
        const before = baseline
        const what = () => `${role} ${channel} ${picture(payload)}`
        counts.payloads++
        const result = await withTimeout(core.handle({ channel, payload }), 60_000, channel)
        if (result.ok) {
          counts.ok++
          const output = contract[channel].output.safeParse(result.value)
          if (!output.success) findings.push(`invalid output: ${what()}`)
        } else {
          counts.refused++
          byCode[result.error.code] = (byCode[result.error.code] ?? 0) + 1
          if (!AppErrorSchema.safeParse(result.error).success) findings.push(`untyped: ${what()}`)
          if (result.error.code === 'INTERNAL') findings.push(`INTERNAL: ${what()}`)
        }
        if (prototypeShape() !== cleanPrototypes || ({} as Record<string, unknown>).polluted) {
          findings.push(`prototype polluted: ${what()}`)
        }
        const after = settle()
        if (after !== before) {
          counts.changedData++
          if (!result.ok) findings.push(`data changed on ${result.error.code}: ${what()}`)
        }
        await ensureSession(role)
        settle()
      }
      // Still answering, promptly, after the channel's worst.
      await withTimeout(call(core, 'app.status'), 5_000, `status after ${channel}`)
    }
  }

  const figures = {
    ...counts,
    byCode,
    seed: SEED,
    seconds: Math.round((performance.now() - started) / 1000),
  }
  recordFigures('fuzz', figures)
  expect(findings).toEqual([])
  expect(counts.payloads).toBeGreaterThan(3000)
  // The schema-shaped samples must reach the handlers, not only the validator.
  expect(counts.ok).toBeGreaterThan(200)
}, 600_000)
