import { mkdirSync } from 'node:fs'
import type { Insertable, Kysely } from 'kysely'
import type { z } from 'zod'
import { addDays, daysBetween, yearOf } from '../../../shared/domain/iso-date'
import { formatCaseNumber } from '../../../shared/domain/case-number'
import { residentIdCheckCharacter } from '../../../shared/domain/resident-id'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { FIELD_EVENTS, type CaseFacts } from '../../../shared/domain/workflow/field-events'
import type { CaseCategory } from '../../../shared/domain/workflow/types'
import type { CaseDetails, CaseSource, RiskLevel } from '../../../shared/schemas/case'
import type { Role } from '../../../shared/schemas/account'
import type { ScryptCost } from '../crypto/kdf'
import type { Database } from '../db/schema'
import { createCore, type LocalCore } from '../router'
import { reindexCases } from '../search/index'
import {
  AGENCIES,
  COMPOUND_SURNAMES,
  DISTRICTS,
  ESTATES,
  GIVEN,
  PLACES,
  PROPERTY_COMPANIES,
  RECORDS,
  ROADS,
  SUMMARIES,
  SURNAMES,
} from './vocabulary'

export interface SeedOptions {
  cases: number
  /** The same seed (and the same `today`) gives the same case base. */
  seed: number
  /** Every demo account's password. */
  password: string
  /** The China date the demo history ends on. */
  today: string
  scryptCost?: ScryptCost
  progress?: (done: number, total: number) => void
}

export interface SeedAccount {
  login: string
  displayName: string
  role: Role
}

/** Cases written per transaction and per multi-row insert. */
const CHUNK = 200
/** Six years of history: old cases closed, recent ones in every stage. */
const HISTORY_DAYS = 6 * 365

/** mulberry32: small, fast and the same on every platform. */
function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  const chance = (p: number) => next() < p
  const id = () =>
    Array.from({ length: 4 }, () => (next() * 2 ** 32).toString(16).padStart(8, '0')).join('')
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('')
  return { next, int, pick, chance, id, digits }
}
type Random = ReturnType<typeof random>

const CATEGORY_WEIGHTS: [CaseCategory, number][] = [
  ['family', 0.3],
  ['expropriation', 0.2],
  ['petition', 0.25],
  ['owners', 0.25],
]

function category(rng: Random): CaseCategory {
  let r = rng.next()
  for (const [c, w] of CATEGORY_WEIGHTS) {
    if ((r -= w) < 0) return c
  }
  return 'owners'
}

/** A stage fitting the case's age: old cases are mostly closed, new ones still being worked. */
function stageFor(rng: Random, c: CaseCategory, age: number): string {
  const stages = WORKFLOWS[c].stages.map((s) => s.id)
  const active = WORKFLOWS[c].stages.filter((s) => s.status === 'active').map((s) => s.id)
  if (age > 120)
    return rng.chance(0.85) ? 'closed' : rng.chance(0.7) ? 'terminated' : rng.pick(active)
  if (age > 45)
    return rng.chance(0.4) ? 'closed' : rng.chance(0.1) ? 'terminated' : rng.pick(active)
  const early = active.slice(0, Math.max(2, Math.ceil(active.length / 2)))
  return stages.includes('intake') && rng.chance(0.2) ? 'intake' : rng.pick(early)
}

function personName(rng: Random): string {
  const surname = rng.chance(0.02) ? rng.pick(COMPOUND_SURNAMES) : rng.pick(SURNAMES)
  return surname + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '')
}

/** A made-up resident ID in valid format: a Shanghai district code, a real date, the check character. */
export function fakeResidentId(rng: Random, areaCode: string, birthYear: number): string {
  const birth = addDays(`${birthYear}-01-01`, rng.int(0, 364)).replaceAll('-', '')
  const first17 = `${areaCode}${birth}${rng.digits(3)}`
  return first17 + residentIdCheckCharacter(first17)
}

function mobile(rng: Random): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(9)}`
}

interface Place {
  district: (typeof DISTRICTS)[number]
  street: string
  road: string
  lane: number
}

function address(rng: Random, place: Place): string {
  return `上海市${place.district.name}${place.road}${place.lane}弄${rng.int(1, 40)}号${rng.int(1, 6)}0${rng.int(1, 4)}室`
}

function fill(template: string, names: string[], place: string): string {
  return template
    .replaceAll('{a}', names[0] ?? '')
    .replaceAll('{b}', names[1] ?? names[0] ?? '')
    .replaceAll('{place}', place)
}

function details(
  rng: Random,
  c: CaseCategory,
  acceptedAt: string,
  place: Place,
): z.input<typeof CaseDetails> {
  const year = yearOf(acceptedAt)
  switch (c) {
    case 'family':
      return {
        category: 'family',
        relationship: rng.pick([
          'spouses',
          'formerSpouses',
          'parentChild',
          'siblings',
          'elderCare',
        ] as const),
        riskTool: '机构风险评估表 v1',
        mandatoryReportAssessed: rng.chance(0.5),
      }
    case 'petition':
      return {
        category: 'petition',
        petitionCategory: rng.pick(['suggestion', 'accusation', 'appeal'] as const),
        handlingAgency: place.district.name + rng.pick(AGENCIES),
        petitionReceivedAt: addDays(acceptedAt, -rng.int(1, 5)),
        petitionAcceptedAt: acceptedAt,
      }
    case 'expropriation':
      return {
        category: 'expropriation',
        expropriationDecisionNo: `${place.district.name.slice(0, 1)}府征〔${year}〕${rng.int(1, 30)}号`,
        expropriationDecisionDate: addDays(acceptedAt, -rng.int(30, 200)),
        tenure: rng.pick(['owner', 'publicHousingTenant'] as const),
        area: rng.int(12, 90),
      }
    case 'owners':
      return {
        category: 'owners',
        estate: rng.pick(ESTATES),
        propertyCompany: rng.pick(PROPERTY_COMPANIES),
      }
  }
}

interface Staff {
  supervisors: string[]
  mediators: { id: string; name: string }[]
}

interface Rows {
  cases: Insertable<Database['case']>[]
  mediators: Insertable<Database['caseMediator']>[]
  households: Insertable<Database['household']>[]
  parties: Insertable<Database['party']>[]
  entries: Insertable<Database['timelineEntry']>[]
  events: Insertable<Database['caseEvent']>[]
  checklist: Insertable<Database['checklistItem']>[]
}

interface Planned {
  category: CaseCategory
  acceptedAt: string
  stage: string
}

/** One case with everything it holds, as rows. */
function caseRows(
  rng: Random,
  plan: Planned,
  number: string,
  seq: number,
  staff: Staff,
  today: string,
  rows: Rows,
) {
  const { category: c, acceptedAt, stage } = plan
  const id = rng.id()
  const district = rng.pick(DISTRICTS)
  const place: Place = {
    district,
    street: rng.pick(district.streets),
    road: rng.pick(ROADS),
    lane: rng.int(1, 1200),
  }
  const lead = rng.pick(staff.mediators)
  const at = `${acceptedAt}T0${rng.int(1, 8)}:${rng.int(10, 59)}:00.000Z`
  const caseDetails = details(rng, c, acceptedAt, place)
  const names: string[] = []

  // People, in households where the category has them.
  const people =
    c === 'family' ? 2 + (rng.chance(0.3) ? 1 : 0) : rng.int(1, c === 'petition' ? 3 : 5)
  const households: string[] = []
  if ((c === 'expropriation' || c === 'owners') && people > 1) {
    const estate =
      caseDetails.category === 'owners'
        ? (caseDetails.estate ?? '')
        : `${place.road}${place.lane}弄`
    for (let h = 0; h < Math.min(people, rng.int(1, 3)); h++) {
      const householdId = rng.id()
      households.push(householdId)
      rows.households.push({
        id: householdId,
        caseId: id,
        unit: `${estate}${rng.int(1, 30)}号${rng.int(1, 18)}0${rng.int(1, 4)}室`,
        position: null,
        agreementStatus:
          stage === 'closed'
            ? 'signed'
            : rng.pick(['pending', 'negotiating', 'signed', 'refused'] as const),
        createdAt: at,
        updatedAt: at,
      })
    }
  }
  for (let p = 0; p < people; p++) {
    const minor = c === 'family' && p === 2
    const name = personName(rng)
    names.push(name)
    const birthYear = minor ? rng.int(2010, 2018) : rng.int(1945, 2000)
    rows.parties.push({
      id: rng.id(),
      caseId: id,
      kind: 'person',
      name,
      role: p === 0 ? 'applicant' : minor ? 'thirdParty' : 'respondent',
      idType: 'residentId',
      idNumber: fakeResidentId(
        rng,
        rng.chance(0.85) ? district.code : rng.pick(DISTRICTS).code,
        birthYear,
      ),
      phone: minor ? null : mobile(rng),
      address: address(rng, place),
      civilCapacity: minor ? 'limited' : 'full',
      minor: minor ? 1 : 0,
      legalBasis: 'consent',
      sensitiveConsent: minor ? 1 : 0,
      householdId: households.length > 0 ? (households[p % households.length] ?? null) : null,
      createdAt: at,
      updatedAt: at,
    })
  }
  const organization =
    c === 'expropriation'
      ? `${district.name}第${rng.int(1, 9)}房屋征收事务所`
      : c === 'owners'
        ? caseDetails.category === 'owners'
          ? (caseDetails.propertyCompany ?? '')
          : ''
        : c === 'petition' && caseDetails.category === 'petition'
          ? (caseDetails.handlingAgency ?? '')
          : ''
  if (organization) {
    rows.parties.push({
      id: rng.id(),
      caseId: id,
      kind: 'organization',
      name: organization,
      role: 'respondent',
      idType: null,
      idNumber: null,
      phone: `021-${rng.int(5, 6)}${rng.digits(7)}`,
      address: address(rng, place),
      civilCapacity: 'full',
      minor: 0,
      legalBasis: 'legalDuty',
      sensitiveConsent: 0,
      householdId: null,
      createdAt: at,
      updatedAt: at,
    })
    if (names.length < 2) names.push(organization)
  }

  // Sessions, investigations, calls and notes between acceptance and today.
  const status = WORKFLOWS[c].stages.find((s) => s.id === stage)?.status
  const span = Math.max(0, Math.min(daysBetween(acceptedAt, today), status === 'active' ? 60 : 120))
  const count =
    stage === 'intake' ? rng.int(0, 1) : status === 'active' ? rng.int(2, 8) : rng.int(5, 15)
  let lastAt = acceptedAt
  for (let e = 0; e < count; e++) {
    const kind = rng.pick([
      'session',
      'session',
      'investigation',
      'call',
      'visit',
      'followUp',
      'note',
    ] as const)
    const occurredAt = addDays(acceptedAt, Math.round((span * (e + 1)) / (count + 1)))
    if (occurredAt > lastAt) lastAt = occurredAt
    const where = rng.pick(PLACES)
    rows.entries.push({
      id: rng.id(),
      caseId: id,
      kind,
      occurredAt,
      place: kind === 'session' || kind === 'visit' ? where : null,
      attendees: JSON.stringify(kind === 'session' ? names.slice(0, 2) : []),
      restricted: kind === 'note' && rng.chance(0.3) ? 1 : 0,
      body: fill(rng.pick(RECORDS[kind]), names, where),
      transitionId: null,
      authorId: lead.id,
      createdAt: `${occurredAt}T08:00:00.000Z`,
    })
  }

  const facts: CaseFacts = {
    acceptedAt,
    details: caseDetails as CaseFacts['details'],
    progress: {},
  }
  for (const [eventId, read] of Object.entries(FIELD_EVENTS)) {
    const eventAt = read(facts)
    if (eventAt) rows.events.push({ caseId: id, eventId, at: eventAt, recordedBy: lead.id })
  }
  const filed = status !== 'active' || rng.chance(0.5)
  for (const item of WORKFLOWS[c].checklist) {
    const present = filed && item.required === 'always' ? 1 : 0
    rows.checklist.push({
      caseId: id,
      itemId: item.id,
      present,
      notedBy: present ? lead.id : null,
      notedAt: present ? at : null,
    })
  }
  rows.mediators.push({ caseId: id, userId: lead.id, role: 'lead' })
  if (rng.chance(0.3)) {
    const co = rng.pick(staff.mediators)
    if (co.id !== lead.id) rows.mediators.push({ caseId: id, userId: co.id, role: 'co' })
  }
  rows.cases.push({
    id,
    number,
    year: yearOf(acceptedAt),
    category: c,
    seq,
    stage,
    source: rng.pick<z.infer<typeof CaseSource>>(
      c === 'petition'
        ? ['petitionTransfer', 'governmentAssigned']
        : ['application', 'application', 'ownInitiative', 'policeReferral', 'courtEntrusted'],
    ),
    summary: fill(rng.pick(SUMMARIES[c]), names, ''),
    district: district.id,
    street: place.street,
    riskLevel: rng.pick<z.infer<typeof RiskLevel>>([
      'low',
      'medium',
      'medium',
      'high',
      c === 'family' ? 'critical' : 'low',
    ]),
    acceptedAt,
    details: JSON.stringify(caseDetails),
    progress: '{}',
    version: 1,
    createdBy: lead.id,
    createdAt: at,
    updatedAt: `${lastAt}T10:00:00.000Z`,
  })
  return id
}

/** Every stage of every category once, then stages fitting each case's age. */
function plan(rng: Random, n: number, today: string): Planned[] {
  const forced = (Object.keys(WORKFLOWS) as CaseCategory[]).flatMap((c) =>
    WORKFLOWS[c].stages.map((s) => ({ category: c, stage: s.id })),
  )
  const planned = Array.from({ length: n }, (_, i) => {
    const age = Math.floor(rng.next() ** 1.5 * HISTORY_DAYS)
    const acceptedAt = addDays(today, -age)
    const f = forced[i]
    if (f) return { ...f, acceptedAt: addDays(today, -rng.int(0, 30)) }
    const c = category(rng)
    return { category: c, acceptedAt, stage: stageFor(rng, c, age) }
  })
  // Numbers count up in acceptance order within a year and category.
  return planned.sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt))
}

async function insertAll(db: Kysely<Database>, rows: Rows) {
  const batches = [
    ['case', rows.cases, 500],
    ['caseMediator', rows.mediators, 2000],
    ['household', rows.households, 1000],
    ['party', rows.parties, 1000],
    ['timelineEntry', rows.entries, 1000],
    ['caseEvent', rows.events, 2000],
    ['checklistItem', rows.checklist, 2000],
  ] as const
  for (const [table, values, size] of batches) {
    for (let i = 0; i < values.length; i += size) {
      await db
        .insertInto(table)
        .values(values.slice(i, i + size) as never)
        .execute()
    }
  }
}

async function setUpStaff(core: LocalCore, options: SeedOptions): Promise<SeedAccount[]> {
  const call = async (channel: string, payload?: unknown) => {
    const result = await core.handle({ channel, payload })
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value as never
  }
  const admin = { login: 'admin', displayName: '顾文清', role: 'admin' as const }
  const { recoveryCode, confirmGroups } = (await call('setup.begin', {
    orgName: '上海市浦江社区人民调解委员会（演示）',
    orgCapacity: 'people_mediation_committee',
    admin: { login: admin.login, displayName: admin.displayName, password: options.password },
  })) as { recoveryCode: string; confirmGroups: [number, number] }
  const groups = recoveryCode.split('-')
  await call('setup.complete', {
    confirmation: [groups[confirmGroups[0]] ?? '', groups[confirmGroups[1]] ?? ''],
  })
  const mediatorCount = Math.min(12, Math.max(3, Math.ceil(options.cases / 10_000) + 2))
  const accounts: SeedAccount[] = [
    { login: 'zhuguan1', displayName: '沈慧敏', role: 'supervisor' },
    { login: 'zhuguan2', displayName: '陆建平', role: 'supervisor' },
    ...Array.from({ length: mediatorCount }, (_, i) => ({
      login: `tiaojie${String(i + 1).padStart(2, '0')}`,
      displayName:
        [
          '徐志芳',
          '周海燕',
          '钱国庆',
          '孙丽华',
          '吴建军',
          '郑晓梅',
          '王浩然',
          '冯雪琴',
          '陈立新',
          '褚文静',
          '卫东升',
          '蒋玉兰',
        ][i] ?? `调解员${i + 1}`,
      role: 'mediator' as const,
    })),
  ]
  // Each account starts with a temporary password and chooses the demo password at first login.
  const temporary = `${options.password}-linshi`
  for (const account of accounts) {
    await call('users.create', { ...account, temporaryPassword: temporary })
  }
  for (const account of accounts) {
    await call('auth.unlock', { login: account.login, password: temporary })
    await call('auth.changePassword', { currentPassword: temporary, newPassword: options.password })
  }
  await call('auth.unlock', { login: admin.login, password: options.password })
  return [admin, ...accounts]
}

/**
 * Creates a demonstration case base in `dataDir` through the core: first-run setup, the
 * organization, staff accounts, then `cases` synthetic cases written straight into the open
 * case base in large transactions, each indexed for search like any other write.
 */
export async function seedCaseBase(dataDir: string, options: SeedOptions): Promise<SeedAccount[]> {
  mkdirSync(dataDir, { recursive: true })
  const core = createCore({
    dataDir,
    ...(options.scryptCost ? { scryptCost: options.scryptCost } : {}),
  })
  try {
    const accounts = await setUpStaff(core, options)
    await core.run(async (ctx) => {
      const { db, sqlite } = ctx.vault.caseBase()
      const users = await db
        .selectFrom('user')
        .select(['id', 'login', 'displayName', 'role'])
        .execute()
      const staff: Staff = {
        supervisors: users.filter((u) => u.role === 'supervisor').map((u) => u.id),
        mediators: users
          .filter((u) => u.role === 'mediator')
          .sort((a, b) => a.login.localeCompare(b.login))
          .map((u) => ({ id: u.id, name: u.displayName })),
      }
      const { caseNumberPattern } = await db
        .selectFrom('organization')
        .select('caseNumberPattern')
        .executeTakeFirstOrThrow()
      const rng = random(options.seed)
      const planned = plan(rng, options.cases, options.today)
      const seqs = new Map<string, number>()
      for (let i = 0; i < planned.length; i += CHUNK) {
        const rows: Rows = {
          cases: [],
          mediators: [],
          households: [],
          parties: [],
          entries: [],
          events: [],
          checklist: [],
        }
        const ids = planned.slice(i, i + CHUNK).map((p) => {
          const year = yearOf(p.acceptedAt)
          const key = `${year}/${p.category}`
          const seq = (seqs.get(key) ?? 0) + 1
          seqs.set(key, seq)
          const number = formatCaseNumber(caseNumberPattern, { year, category: p.category, seq })
          return caseRows(rng, p, number, seq, staff, options.today, rows)
        })
        await db.transaction().execute(async (trx) => {
          await insertAll(trx, rows)
          await reindexCases(trx, ids)
        })
        options.progress?.(Math.min(i + CHUNK, planned.length), planned.length)
      }
      // Statistics for the query planner, so list filters pick their indexes.
      sqlite.exec('ANALYZE')
    })
    return accounts
  } finally {
    await core.close()
  }
}
