import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { PartyInput } from '../../../shared/schemas/case'
import type { Database } from '../db/schema'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { writeCase } from './case-write'

/**
 * The party's columns. A resident ID is stored with an upper-case check character, as the card
 * shows it, so quick search by ID finds it however it was typed (the schema checked it).
 */
export async function partyColumns(
  trx: Kysely<Database>,
  caseId: string,
  party: z.output<typeof PartyInput>,
) {
  if (party.householdId !== null) {
    const household = await trx
      .selectFrom('household')
      .select('id')
      .where('id', '=', party.householdId)
      .where('caseId', '=', caseId)
      .executeTakeFirst()
    if (!household) {
      throw new CoreError('VALIDATION', undefined, [
        { path: 'party.householdId', rule: 'unknownHousehold' },
      ])
    }
  }
  return {
    kind: party.kind,
    name: party.name,
    role: party.role,
    idType: party.idType ?? null,
    idNumber:
      party.idNumber && party.idType === 'residentId'
        ? party.idNumber.toUpperCase()
        : (party.idNumber ?? null),
    phone: party.phone ?? null,
    address: party.address ?? null,
    civilCapacity: party.civilCapacity,
    minor: party.minor ? 1 : 0,
    legalBasis: party.legalBasis,
    sensitiveConsent: party.sensitiveConsent ? 1 : 0,
    householdId: party.householdId,
  }
}

/** Another case's party or household is answered like a missing one. */
function requireOne(result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }): void {
  if ((result.numUpdatedRows ?? result.numDeletedRows) !== 1n) throw new CoreError('NOT_FOUND')
}

/**
 * A relation joins two different parties of the same case; another case's party is refused
 * like an unknown one, so its existence is not revealed.
 */
async function requireRelatable(
  trx: Kysely<Database>,
  caseId: string,
  partyId: string,
  otherPartyId: string,
): Promise<void> {
  if (partyId === otherPartyId) {
    throw new CoreError('VALIDATION', undefined, [{ path: 'otherPartyId', rule: 'selfRelation' }])
  }
  const found = await trx
    .selectFrom('party')
    .select('id')
    .where('caseId', '=', caseId)
    .where('id', 'in', [partyId, otherPartyId])
    .execute()
  const ids = { partyId, otherPartyId }
  const fields = (['partyId', 'otherPartyId'] as const)
    .filter((path) => !found.some((row) => row.id === ids[path]))
    .map((path) => ({ path, rule: 'unknownParty' }))
  if (fields.length > 0) throw new CoreError('VALIDATION', undefined, fields)
}

export const partyHandlers = {
  async 'parties.add'({ caseId, version, party }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row, now }) => {
      await trx
        .insertInto('party')
        .values({
          id: randomUUID(),
          caseId: row.id,
          ...(await partyColumns(trx, row.id, party)),
          createdAt: now,
          updatedAt: now,
        })
        .execute()
    })
  },

  async 'parties.update'({ caseId, version, partyId, party }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row, now }) => {
      const columns = await partyColumns(trx, row.id, party)
      requireOne(
        await trx
          .updateTable('party')
          .set({ ...columns, updatedAt: now })
          .where('id', '=', partyId)
          .where('caseId', '=', row.id)
          .executeTakeFirst(),
      )
    })
  },

  async 'parties.remove'({ caseId, version, partyId }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row }) => {
      requireOne(
        await trx
          .deleteFrom('party')
          .where('id', '=', partyId)
          .where('caseId', '=', row.id)
          .executeTakeFirst(),
      )
    })
  },

  async 'parties.relate'({ caseId, version, partyId, otherPartyId, relation }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row, now }) => {
      await requireRelatable(trx, row.id, partyId, otherPartyId)
      await trx
        .insertInto('partyRelation')
        .values({ caseId: row.id, partyId, otherPartyId, relation, createdAt: now })
        .onConflict((oc) => oc.columns(['partyId', 'otherPartyId']).doUpdateSet({ relation }))
        .execute()
    })
  },

  async 'parties.unrelate'({ caseId, version, partyId, otherPartyId }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row }) => {
      requireOne(
        await trx
          .deleteFrom('partyRelation')
          .where('caseId', '=', row.id)
          .where('partyId', '=', partyId)
          .where('otherPartyId', '=', otherPartyId)
          .executeTakeFirst(),
      )
    })
  },

  async 'households.add'({ caseId, version, household }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row, now }) => {
      await trx
        .insertInto('household')
        .values({
          id: randomUUID(),
          caseId: row.id,
          unit: household.unit,
          position: household.position ?? null,
          agreementStatus: household.agreementStatus,
          createdAt: now,
          updatedAt: now,
        })
        .execute()
    })
  },

  async 'households.update'({ caseId, version, householdId, household }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row, now }) => {
      requireOne(
        await trx
          .updateTable('household')
          .set({
            unit: household.unit,
            position: household.position ?? null,
            agreementStatus: household.agreementStatus,
            updatedAt: now,
          })
          .where('id', '=', householdId)
          .where('caseId', '=', row.id)
          .executeTakeFirst(),
      )
    })
  },
} satisfies Partial<Handlers>
