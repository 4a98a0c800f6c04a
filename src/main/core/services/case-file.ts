import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { allowedTransitions, checkTransition } from '../../../shared/domain/workflow/engine'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import type { CaseFile, Party, PartyRelation } from '../../../shared/schemas/case'
import { findVisibleCase, type CaseRow } from '../cases/access'
import { clockViews } from '../cases/clocks'
import { loadClockData } from '../cases/clock-data'
import { caseFacts, caseState } from '../cases/state'
import type { Database } from '../db/schema'
import type { SessionUser } from '../vault'
import { attachmentsOf } from './attachment-list'

async function partiesOf(db: Kysely<Database>, caseId: string): Promise<Party[]> {
  const rows = await db
    .selectFrom('party')
    .select([
      'id',
      'kind',
      'name',
      'role',
      'idType',
      'idNumber',
      'phone',
      'address',
      'civilCapacity',
      'minor',
      'legalBasis',
      'sensitiveConsent',
      'householdId',
    ])
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    ...row,
    minor: row.minor === 1,
    sensitiveConsent: row.sensitiveConsent === 1,
  }))
}

async function relationsOf(db: Kysely<Database>, caseId: string): Promise<PartyRelation[]> {
  return db
    .selectFrom('partyRelation')
    .select(['partyId', 'otherPartyId', 'relation'])
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .orderBy('partyId')
    .orderBy('otherPartyId')
    .execute()
}

async function dataRequestsOf(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('dataRequest')
    .innerJoin('user', 'user.id', 'dataRequest.recordedBy')
    .select([
      'dataRequest.id',
      'dataRequest.partyId',
      'dataRequest.kind',
      'dataRequest.receivedAt',
      'dataRequest.request',
      'dataRequest.outcome',
      'dataRequest.response',
      'dataRequest.decidedAt',
      'user.displayName as recordedByName',
    ])
    .where('dataRequest.caseId', '=', caseId)
    .orderBy('dataRequest.receivedAt', 'desc')
    .orderBy('dataRequest.createdAt', 'desc')
    .execute()
}

async function mediatorsOf(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('caseMediator')
    .innerJoin('user', 'user.id', 'caseMediator.userId')
    .select(['user.id', 'user.displayName', 'caseMediator.role'])
    .where('caseMediator.caseId', '=', caseId)
    .orderBy('user.displayName')
    .execute()
}

async function presentDocuments(db: Kysely<Database>, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('checklistItem')
    .select('itemId')
    .where('caseId', '=', caseId)
    .where('present', '=', 1)
    .execute()
  return rows.map((row) => row.itemId)
}

/** The engine's view of a case, read inside the caller's transaction. */
export async function loadCaseState(db: Kysely<Database>, row: CaseRow) {
  const [mediators, parties, documents] = [
    await mediatorsOf(db, row.id),
    await partiesOf(db, row.id),
    await presentDocuments(db, row.id),
  ]
  const leadMediatorId = mediators.find((m) => m.role === 'lead')?.id ?? null
  return caseState(row, { leadMediatorId, parties, documents })
}

async function timelineOf(db: Kysely<Database>, caseId: string) {
  const rows = await db
    .selectFrom('timelineEntry')
    .innerJoin('user as author', 'author.id', 'timelineEntry.authorId')
    .leftJoin('stageTransition', 'stageTransition.id', 'timelineEntry.transitionId')
    .leftJoin('user as approver', 'approver.id', 'stageTransition.approvedById')
    .select([
      'timelineEntry.id',
      'timelineEntry.kind',
      'timelineEntry.occurredAt',
      'timelineEntry.place',
      'timelineEntry.attendees',
      'timelineEntry.restricted',
      'timelineEntry.body',
      'author.displayName as authorName',
      'stageTransition.fromStage',
      'stageTransition.toStage',
      'stageTransition.action',
      'stageTransition.otherRoutesNotice',
      'stageTransition.overrideReason',
      'approver.displayName as approvedByName',
    ])
    .where('timelineEntry.caseId', '=', caseId)
    .orderBy('timelineEntry.occurredAt', 'desc')
    .orderBy('timelineEntry.createdAt', 'desc')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    occurredAt: row.occurredAt,
    place: row.place,
    attendees: JSON.parse(row.attendees) as string[],
    restricted: row.restricted === 1,
    body: row.body,
    authorName: row.authorName,
    transition:
      row.fromStage !== null && row.toStage !== null && row.action !== null
        ? {
            from: row.fromStage,
            to: row.toStage,
            action: row.action,
            approvedByName: row.approvedByName,
            otherRoutesNotice: row.otherRoutesNotice === 1,
            overrideReason: row.overrideReason,
          }
        : null,
  }))
}

/** The whole 卷宗 as the case page shows it, for a user who may see the case. */
export async function loadCaseFile(
  db: Kysely<Database>,
  user: SessionUser,
  caseId: string,
  now: Date,
): Promise<z.input<typeof CaseFile>> {
  const row = await findVisibleCase(db, user, caseId)
  const definition = WORKFLOWS[row.category]
  const { details, progress } = caseFacts(row)
  const mediators = await mediatorsOf(db, caseId)
  const parties = await partiesOf(db, caseId)
  const documents = await presentDocuments(db, caseId)
  const households = await db
    .selectFrom('household')
    .select(['id', 'unit', 'position', 'agreementStatus'])
    .where('caseId', '=', caseId)
    .orderBy('unit')
    .execute()
  const lead = mediators.find((m) => m.role === 'lead')
  const state = caseState(row, { leadMediatorId: lead?.id ?? null, parties, documents })
  const clockData = await loadClockData(db, [caseId])
  return {
    id: row.id,
    number: row.number,
    version: row.version,
    category: row.category,
    stage: row.stage,
    source: row.source,
    summary: row.summary,
    district: row.district,
    street: row.street,
    riskLevel: row.riskLevel,
    acceptedAt: row.acceptedAt,
    leadMediator: { id: lead?.id ?? '', displayName: lead?.displayName ?? '' },
    coMediators: mediators
      .filter((m) => m.role === 'co')
      .map((m) => ({ id: m.id, displayName: m.displayName })),
    details,
    progress,
    parties,
    relations: await relationsOf(db, caseId),
    households,
    timeline: await timelineOf(db, caseId),
    checklist: definition.checklist.map((item) => ({
      itemId: item.id,
      required: item.required,
      present: documents.includes(item.id),
    })),
    attachments: await attachmentsOf(db, caseId),
    clocks: clockViews(definition, row.stage, clockData.byCase(caseId), clockData.calendar, now),
    // What the stepper offers this user, each with what is still missing before it can be taken.
    nextSteps: (row.anonymizedAt === null
      ? allowedTransitions(definition, state, user.role)
      : []
    ).map((t) => {
      const check = checkTransition(definition, state, t.to, { role: user.role })
      return { to: t.to, action: t.action, problems: check.ok ? [] : [...check.problems] }
    }),
    dataRequests: await dataRequestsOf(db, caseId),
    view: 'full',
    withheld: [],
    anonymizedAt: row.anonymizedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}
