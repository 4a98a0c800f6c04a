import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CHANNELS, contract, type Channel } from '../../../src/shared/contract'
import type { Role } from '../../../src/shared/schemas/account'
import type { Core } from '../../../src/main/core/router'
import { ACCESS, type Rule } from '../../support/access'
import {
  ADMIN,
  addUser,
  call,
  firstSignIn,
  setUpStaff,
  signInAs,
  tempDir,
  testCore,
  type Staff,
  type StaffMember,
} from '../../support/core'
import { APPLICANT, caseInput, onCase, type CaseFile } from './case-fixtures'

/**
 * Issue 4: every channel × every role × (assigned / not assigned), through the real router on
 * a real case base. The table (tests/support/access.ts) is written by hand, so loosening a rule
 * in the contract or in the core's record-level checks makes this fail.
 */
const ROLES = ['admin', 'supervisor', 'mediator', 'auditor'] as const satisfies readonly Role[]

/** Sent where only the access decision matters: never a valid input, so nothing runs. */
const PROBE = { '\u0000probe': [] }

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n%access matrix\n%%EOF\n'))

/** A case ready for any case channel: a party, a household, an attachment, a request. */
async function workedCase(core: Core, staff: Staff, lead: StaffMember) {
  const c = onCase(
    core,
    await call(core, 'cases.create', { ...caseInput('owners', staff), leadMediatorId: lead.id }),
  )
  await c.write('parties.add', { party: APPLICANT })
  await c.write('parties.add', { party: { ...APPLICANT, name: '李四', role: 'respondent' } })
  await c.write('parties.relate', {
    partyId: c.file.parties[0]?.id ?? '',
    otherPartyId: c.file.parties[1]?.id ?? '',
    relation: 'spouse',
  })
  await c.write('households.add', { household: { unit: '3号楼201室', agreementStatus: 'pending' } })
  await c.write('attachments.add', { fileName: '申请书.pdf', bytes: PDF })
  await c.write('dataRequests.add', {
    request: {
      partyId: c.file.parties[0]?.id ?? '',
      kind: 'access',
      receivedAt: '2026-03-03',
      request: '复制笔录',
    },
  })
  return c.file
}

/**
 * A valid request on `file` for every channel that names a case: the only way to tell
 * NOT_FOUND (not assigned) from being let through. A new case channel needs one here.
 */
const SAMPLES: Partial<Record<Channel, (file: CaseFile) => unknown>> = {
  'cases.get': (f) => ({ caseId: f.id }),
  'cases.update': (f) => ({ ...ref(f), patch: { street: '华阳路街道' } }),
  'cases.transition': (f) => ({ ...ref(f), to: 'rightsNotice' }),
  'cases.recordEvent': (f) => ({ ...ref(f), event: 'accepted', at: '2026-03-02' }),
  'cases.anonymize': (f) => ({ ...ref(f), password: 'Huangpu-Jiang-Feng-88' }),
  'parties.add': (f) => ({ ...ref(f), party: { ...APPLICANT, name: '王五' } }),
  'parties.update': (f) => ({ ...ref(f), partyId: party(f, 0), party: APPLICANT }),
  'parties.remove': (f) => ({ ...ref(f), partyId: party(f, 1) }),
  'parties.relate': (f) => ({
    ...ref(f),
    partyId: party(f, 0),
    otherPartyId: party(f, 1),
    relation: 'sibling',
  }),
  'parties.unrelate': (f) => ({ ...ref(f), partyId: party(f, 0), otherPartyId: party(f, 1) }),
  'households.add': (f) => ({ ...ref(f), household: { unit: '5号', agreementStatus: 'pending' } }),
  'households.update': (f) => ({
    ...ref(f),
    householdId: f.households[0]?.id ?? '',
    household: { unit: '3号楼201室', agreementStatus: 'signed' },
  }),
  'timeline.add': (f) => ({
    ...ref(f),
    entry: { kind: 'note', occurredAt: '2026-03-04T10:00', body: '电话回访' },
  }),
  'checklist.set': (f) => ({ ...ref(f), itemId: 'application', present: true }),
  'attachments.add': (f) => ({ ...ref(f), fileName: '笔录.pdf', bytes: PDF }),
  'attachments.get': (f) => ({ attachmentId: f.attachments[0]?.id ?? '' }),
  'attachments.remove': (f) => ({ ...ref(f), attachmentId: f.attachments[0]?.id ?? '' }),
  'clocks.pause': (f) => ({
    ...ref(f),
    clockId: 'practiceConclusion',
    from: '2026-03-05',
    to: '2026-03-06',
    reason: '当事人住院',
  }),
  'clocks.extend': (f) => ({
    ...ref(f),
    clockId: 'practiceConclusion',
    length: 10,
    reason: '案情复杂',
  }),
  'dataRequests.add': (f) => ({
    ...ref(f),
    request: { partyId: party(f, 0), kind: 'deletion', receivedAt: '2026-03-04', request: '删除' },
  }),
  'dataRequests.decide': (f) => ({
    ...ref(f),
    decision: {
      requestId: f.dataRequests[0]?.id ?? '',
      outcome: 'granted',
      decidedAt: '2026-03-05',
    },
  }),
  'documents.list': (f) => ({ caseId: f.id }),
  'documents.generate': (f) => ({ caseId: f.id, kind: 'caseSummary', format: 'pdf' }),
}

const ref = (f: CaseFile) => ({ caseId: f.id, version: f.version })
const party = (f: CaseFile, i: number) => f.parties[i]?.id ?? ''

/**
 * Channels whose input names one case (a case filter, as audit.list has, is optional and does
 * not count): they are the ones record-level access applies to.
 */
function namesACase(channel: Channel): boolean {
  const input = contract[channel].input as z.ZodType
  if (!(input instanceof z.ZodObject)) return false
  const shape = input.shape as Record<string, z.ZodType>
  return ['caseId', 'attachmentId'].some(
    (key) => shape[key] && !shape[key].safeParse(undefined).success,
  )
}

const data = tempDir()
let core: Core
let staff: Staff
let auditor: StaffMember
const login = (role: Role) =>
  role === 'admin'
    ? ADMIN.login
    : role === 'auditor'
      ? auditor.login
      : role === 'supervisor'
        ? staff.supervisor.login
        : staff.mediator.login

beforeAll(async () => {
  core = testCore(data.dir)
  staff = await setUpStaff(core)
  await signInAs(core, ADMIN.login)
  auditor = await addUser(core, { login: 'pinggu', displayName: '评估专员', role: 'auditor' })
  await firstSignIn(core, auditor.login)
})
afterAll(async () => {
  await core.close()
  data.remove()
})

describe('the access table', () => {
  it('has a rule for every channel of the contract, and nothing else', () => {
    expect(Object.keys(ACCESS).sort()).toEqual([...CHANNELS].sort())
  })

  it('has a sample request for every channel that names a case', () => {
    const missing = CHANNELS.filter(
      (channel) => namesACase(channel) && typeof ACCESS[channel] === 'object' && !SAMPLES[channel],
    )
    expect(missing).toEqual([])
  })

  it('never lets a mediator at a channel that names a case without the assignment check', () => {
    const loose = CHANNELS.filter((channel) => {
      const rules = ACCESS[channel]
      return typeof rules === 'object' && namesACase(channel) && rules.mediator === 'allow'
    })
    expect(loose).toEqual([])
  })
})

const roleCells = CHANNELS.flatMap((channel) => {
  const rules = ACCESS[channel]
  return typeof rules === 'object'
    ? ROLES.map((role) => [channel, role, rules[role]] as [Channel, Role, Rule])
    : []
})

describe('every channel × every role, through the router', () => {
  it.each(roleCells)('%s as %s: %s', async (channel, role, rule) => {
    await signInAs(core, login(role))
    const result = await core.handle({ channel, payload: PROBE })
    const code = result.ok ? 'ok' : result.error.code
    if (rule === 'deny') expect(code).toBe('FORBIDDEN')
    else expect(code).not.toMatch(/^(FORBIDDEN|NOT_AUTHENTICATED)$/)
  })
})

const recordCells = roleCells.filter(
  ([channel, , rule]) => rule !== 'deny' && namesACase(channel) && SAMPLES[channel],
)

describe('every case channel × role × (assigned / not assigned)', () => {
  it.each(recordCells)('%s as %s: %s', async (channel, role, rule) => {
    await signInAs(core, staff.supervisor.login)
    const assigned = await workedCase(core, staff, staff.mediator)
    const unassigned = await workedCase(core, staff, staff.colleague)
    const sample = SAMPLES[channel] as (file: CaseFile) => unknown
    await signInAs(core, login(role))
    const onUnassigned = await core.handle({ channel, payload: sample(unassigned) })
    const onAssigned = await core.handle({ channel, payload: sample(assigned) })
    const codeOf = (r: typeof onAssigned) => (r.ok ? 'ok' : r.error.code)
    // The samples pass the contract's schema, so a VALIDATION answer comes from the core's own
    // rules, after the access checks.
    expect(contract[channel].input.safeParse(sample(assigned)).success).toBe(true)
    expect(codeOf(onAssigned)).not.toMatch(/^(FORBIDDEN|NOT_FOUND)$/)
    if (rule === 'assigned') expect(codeOf(onUnassigned)).toBe('NOT_FOUND')
    else expect(codeOf(onUnassigned)).not.toMatch(/^(FORBIDDEN|NOT_FOUND)$/)
  })
})
