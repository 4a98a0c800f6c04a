import type { TFunction } from 'i18next'
import { sql, type Kysely } from 'kysely'
import type { z } from 'zod'
import { maskText, namedPerson, viewParties } from '../../../shared/domain/masking'
import { FAMILY_SAFETY_FIELDS, type WithheldPart } from '../../../shared/domain/sensitive'
import type { CaseFile } from '../../../shared/schemas/case'
import type { Database } from '../db/schema'
import { pseudonym } from './pseudonym'

type File = z.input<typeof CaseFile>

/**
 * The case as the auditor role may read it (issue 4 item 2; DESIGN.md §4): people masked by
 * the one masking module, free text masked for every value the case records about them, and
 * the sensitive parts (shared/domain/sensitive.ts) left out, each named in `withheld`.
 * Nothing the auditor can do writes, so nothing needs the withheld parts back.
 */
export function auditorView(file: File, t: TFunction): File {
  const withheld = new Set<WithheldPart>()
  const people = [
    ...file.parties,
    ...file.timeline.flatMap((entry) => (entry.attendees ?? []).map(namedPerson)),
  ]
  const mask = (text: string) => maskText(text, people)
  const parties = viewParties(file.parties, 'masked', pseudonym(t))
  if (file.parties.some((party) => party.minor)) withheld.add('minorsIdentity')

  const accusation =
    file.details.category === 'petition' && file.details.petitionCategory === 'accusation'
  if (accusation) withheld.add('accusationMaterial')
  const timeline = file.timeline
    .filter((entry) => {
      if (entry.restricted) withheld.add('caucusNotes')
      return !entry.restricted
    })
    .map((entry) => ({
      ...entry,
      place: entry.place === null ? null : mask(entry.place),
      attendees: (entry.attendees ?? []).map(mask),
      body: accusation && entry.kind !== 'stageChange' ? '' : mask(entry.body),
    }))

  let details = file.details
  if (details.category === 'family') {
    const kept: Record<string, unknown> = { ...details }
    for (const field of FAMILY_SAFETY_FIELDS) {
      if (kept[field] !== undefined) withheld.add('familySafety')
      delete kept[field]
    }
    details = kept as typeof details
  }
  if (details.category === 'expropriation' && details.resettlementFlat) {
    details = { ...details, resettlementFlat: mask(details.resettlementFlat) }
  }
  if ((file.attachments ?? []).length > 0) withheld.add('attachments')
  if ((file.dataRequests ?? []).length > 0) withheld.add('dataRequests')

  return {
    ...file,
    summary: accusation ? '' : mask(file.summary),
    street: file.street,
    details,
    parties,
    households: file.households.map((h) => ({
      ...h,
      position: h.position === null || h.position === undefined ? null : mask(h.position),
    })),
    timeline,
    attachments: [],
    dataRequests: [],
    nextSteps: [],
    view: 'masked',
    withheld: [...withheld],
  }
}

/**
 * The auditor's case list: each summary masked with its own case's people, and emptied for
 * accusation petitions, as auditorView does for the case itself. One query for the page.
 */
export async function auditorSummaries<R extends { id: string; summary: string }>(
  db: Kysely<Database>,
  rows: R[],
): Promise<R[]> {
  if (rows.length === 0) return rows
  const ids = rows.map((row) => row.id)
  const parties = await db
    .selectFrom('party')
    .select(['caseId', 'kind', 'name', 'idNumber', 'phone', 'address'])
    .where('caseId', 'in', ids)
    .execute()
  const accusations = new Set(
    (
      await db
        .selectFrom('case')
        .select('id')
        .where('id', 'in', ids)
        .where(sql<string>`json_extract(details, '$.petitionCategory')`, '=', 'accusation')
        .execute()
    ).map((row) => row.id),
  )
  return rows.map((row) => ({
    ...row,
    summary: accusations.has(row.id)
      ? ''
      : maskText(
          row.summary,
          parties.filter((p) => p.caseId === row.id),
        ),
  }))
}
