import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { addMonths, todayInChina } from '../../../shared/domain/iso-date'
import { viewParties } from '../../../shared/domain/masking'
import { FAMILY_SAFETY_FIELDS } from '../../../shared/domain/sensitive'
import { CaseCategory } from '../../../shared/domain/workflow/types'
import { requireUser } from '../cases/access'
import { pseudonym } from '../cases/pseudonym'
import { caseFacts } from '../cases/state'
import type { Database } from '../db/schema'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { verifyPassword } from './auth'
import { writeCase } from './case-write'

/** Stages after which a case only waits for its retention period (workflow/common.ts). */
const FINISHED_STAGES = ['closed', 'terminated']

async function retentionPolicies(db: Kysely<Database>) {
  const rows = await db.selectFrom('retentionPolicy').select(['category', 'years']).execute()
  const years = new Map(rows.map((row) => [row.category, row.years]))
  return CaseCategory.options.map((category) => ({ category, years: years.get(category) ?? null }))
}

/**
 * Finished, not yet anonymized cases whose category has a retention period (all, or the one
 * case asked about), with the day that period ends: the last move into a finished stage plus
 * the years (in China's calendar days).
 */
async function finishedCases(db: Kysely<Database>, caseId?: string) {
  let query = db
    .selectFrom('case')
    .innerJoin('retentionPolicy', 'retentionPolicy.category', 'case.category')
    .innerJoin('stageTransition', (join) =>
      join
        .onRef('stageTransition.caseId', '=', 'case.id')
        .onRef('stageTransition.toStage', '=', 'case.stage'),
    )
    .select(({ fn }) => [
      'case.id as caseId',
      'case.number',
      'case.category',
      'case.stage',
      'retentionPolicy.years',
      fn.max('stageTransition.at').as('closedAtUtc'),
    ])
    .where('case.stage', 'in', FINISHED_STAGES)
    .where('case.anonymizedAt', 'is', null)
  if (caseId !== undefined) query = query.where('case.id', '=', caseId)
  const rows = await query.groupBy('case.id').orderBy('case.number').execute()
  return rows.map(({ years, closedAtUtc, ...row }) => {
    const closedAt = todayInChina(new Date(closedAtUtc))
    return { ...row, closedAt, keepUntil: addMonths(closedAt, years * 12) }
  })
}

export const privacyHandlers = {
  async 'dataRequests.add'({ caseId, version, request }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row, user, now }) => {
      await requirePartyOf(trx, row.id, request.partyId)
      await trx
        .insertInto('dataRequest')
        .values({
          id: randomUUID(),
          caseId: row.id,
          partyId: request.partyId,
          kind: request.kind,
          receivedAt: request.receivedAt,
          request: request.request,
          outcome: 'pending',
          response: null,
          decidedAt: null,
          recordedBy: user.id,
          createdAt: now,
        })
        .execute()
    })
  },

  async 'dataRequests.decide'({ caseId, version, decision }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row }) => {
      const existing = await trx
        .selectFrom('dataRequest')
        .select(['receivedAt'])
        .where('id', '=', decision.requestId)
        .where('caseId', '=', row.id)
        .executeTakeFirst()
      if (!existing) throw new CoreError('NOT_FOUND')
      if (decision.decidedAt < existing.receivedAt) {
        throw new CoreError('VALIDATION', undefined, [
          { path: 'decision.decidedAt', rule: 'dateOrder.beforeReceipt' },
        ])
      }
      await trx
        .updateTable('dataRequest')
        .set({
          outcome: decision.outcome,
          decidedAt: decision.decidedAt,
          response: decision.response || null,
        })
        .where('id', '=', decision.requestId)
        .execute()
    })
  },

  async 'retention.get'(_input, ctx) {
    return retentionPolicies(ctx.vault.caseBase().db)
  },

  async 'retention.set'({ category, years }, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    if (years === null) {
      await db.deleteFrom('retentionPolicy').where('category', '=', category).execute()
    } else {
      const updatedAt = ctx.now().toISOString()
      await db
        .insertInto('retentionPolicy')
        .values({ category, years, updatedBy: user.id, updatedAt })
        .onConflict((oc) =>
          oc.column('category').doUpdateSet({ years, updatedBy: user.id, updatedAt }),
        )
        .execute()
    }
    return retentionPolicies(db)
  },

  async 'retention.due'(_input, ctx) {
    const today = todayInChina(ctx.now())
    const rows = await finishedCases(ctx.vault.caseBase().db)
    return rows.filter((row) => row.keepUntil <= today)
  },

  /**
   * PIPL Art. 47: once the retention period has passed the personal data goes, the case stays
   * for statistics. A supervisor signs with their own password; every name, number, address
   * and free text becomes a placeholder, attachments and family-safety details are deleted,
   * and the case can no longer change.
   */
  async 'cases.anonymize'({ caseId, version, password }, ctx) {
    const supervisor = requireUser(ctx)
    await verifyPassword(ctx, supervisor.login, password)
    const { t } = ctx.i18n
    const placeholder = t('privacy.anonymizedText')
    const today = todayInChina(ctx.now())
    return writeCase(ctx, { caseId, version }, async ({ trx, row, now }) => {
      const [due] = await finishedCases(trx, row.id)
      if (!due || due.keepUntil > today) {
        throw new CoreError('VALIDATION', undefined, [{ path: 'caseId', rule: 'retentionNotDue' }])
      }
      const parties = await trx
        .selectFrom('party')
        .select(['id', 'kind', 'name', 'role', 'idNumber', 'phone', 'address', 'minor'])
        .where('caseId', '=', row.id)
        .orderBy('createdAt')
        .orderBy('id')
        .execute()
      const shown = viewParties(
        parties.map((party) => ({ ...party, minor: party.minor === 1 })),
        'deidentified',
        pseudonym(t),
      )
      for (const party of shown) {
        await trx
          .updateTable('party')
          .set({ name: party.name, idNumber: null, phone: null, address: null, updatedAt: now })
          .where('id', '=', party.id)
          .execute()
      }
      await trx
        .updateTable('timelineEntry')
        .set({ body: placeholder, attendees: '[]', place: null })
        .where('caseId', '=', row.id)
        .execute()
      await trx
        .updateTable('stageTransition')
        .set({
          reason: sql`CASE WHEN reason IS NULL THEN NULL ELSE ${placeholder} END`,
          overrideReason: sql`CASE WHEN override_reason IS NULL THEN NULL ELSE ${placeholder} END`,
        })
        .where('caseId', '=', row.id)
        .execute()
      await trx
        .updateTable('clockAdjustment')
        .set({ reason: placeholder })
        .where('caseId', '=', row.id)
        .execute()
      await trx
        .updateTable('household')
        .set({ position: null, updatedAt: now })
        .where('caseId', '=', row.id)
        .execute()
      await trx
        .updateTable('dataRequest')
        .set({ request: placeholder, response: null })
        .where('caseId', '=', row.id)
        .execute()
      await trx.deleteFrom('attachment').where('caseId', '=', row.id).execute()

      const { details } = caseFacts(row)
      const kept: Record<string, unknown> = { ...details }
      for (const field of [...FAMILY_SAFETY_FIELDS, 'resettlementFlat']) {
        delete kept[field]
      }
      return { summary: placeholder, details: JSON.stringify(kept), anonymizedAt: now }
    })
  },
} satisfies Partial<Handlers>

async function requirePartyOf(trx: Kysely<Database>, caseId: string, partyId: string) {
  const party = await trx
    .selectFrom('party')
    .select('id')
    .where('id', '=', partyId)
    .where('caseId', '=', caseId)
    .executeTakeFirst()
  if (!party) {
    throw new CoreError('VALIDATION', undefined, [
      { path: 'request.partyId', rule: 'unknownParty' },
    ])
  }
}
