import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { storeDeadlines } from '../cases/deadline-columns'
import { indexTerms } from './terms'

/** Keeps bulk statements' IN lists well under SQLite's variable limit. */
const CHUNK = 500

/** Letters and digits only: a phone or ID number is indexed and compared without separators. */
export function compactNumber(value: string): string {
  return value.replace(/[^\p{L}\p{N}]/gu, '')
}

/** The texts search looks at, per case: what the index is built from and results are checked against. */
export async function searchTexts(db: Kysely<Database>, caseIds: readonly string[]) {
  const ids = [...caseIds]
  const [cases, parties, households] = [
    await db
      .selectFrom('case')
      .select(['id', 'number', 'summary', 'street'])
      .where('id', 'in', ids)
      .execute(),
    await db
      .selectFrom('party')
      .select(['caseId', 'name', 'phone', 'idNumber', 'address'])
      .where('caseId', 'in', ids)
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('household')
      .select(['caseId', 'unit'])
      .where('caseId', 'in', ids)
      .orderBy('unit')
      .execute(),
  ]
  return { cases, parties, households }
}

/** A timeline entry's searchable text: what was said and done, where, and who was there. */
export function entryText(entry: { body: string; place: string | null; attendees: string }) {
  const attendees = JSON.parse(entry.attendees) as string[]
  return [entry.body, entry.place ?? '', attendees.join('、')].filter(Boolean).join('\n')
}

interface IndexRow {
  caseId: string
  entryId: string | null
  ident: string
  place: string
  summary: string
  record: string
}

/** Rows per multi-row insert: at most four values each, well under SQLite's variable limit. */
const ROWS_PER_INSERT = 400

async function insertRows(db: Kysely<Database>, rows: IndexRow[]) {
  // Inside the write transaction nobody else inserts, so the next ids are ours to number.
  const { last } = await db
    .selectFrom('searchDoc')
    .select(({ fn }) => fn.coalesce(fn.max('id'), sql<number>`0`).as('last'))
    .executeTakeFirstOrThrow()
  const numbered = rows.map((row, i) => ({ ...row, id: last + 1 + i }))
  for (let i = 0; i < numbered.length; i += ROWS_PER_INSERT) {
    const batch = numbered.slice(i, i + ROWS_PER_INSERT)
    await db
      .insertInto('searchDoc')
      .values(batch.map(({ id, caseId, entryId }) => ({ id, caseId, entryId })))
      .execute()
    const cases = batch.filter((r) => r.entryId === null)
    const records = batch.filter((r) => r.entryId !== null)
    if (cases.length > 0) {
      const values = cases.map((r) => sql`(${r.id}, ${r.ident}, ${r.place}, ${r.summary})`)
      await sql`INSERT INTO search_case_fts (rowid, ident, place, summary)
        VALUES ${sql.join(values)}`.execute(db)
    }
    if (records.length > 0) {
      const values = records.map((r) => sql`(${r.id}, ${r.record})`)
      await sql`INSERT INTO search_record_fts (rowid, record) VALUES ${sql.join(values)}`.execute(
        db,
      )
    }
  }
}

async function indexChunk(db: Kysely<Database>, caseIds: string[]) {
  // The trigger on search_doc removes each row's index terms with it.
  await db.deleteFrom('searchDoc').where('caseId', 'in', caseIds).execute()
  const { cases, parties, households } = await searchTexts(db, caseIds)
  const entries = await db
    .selectFrom('timelineEntry')
    .select(['id', 'caseId', 'body', 'place', 'attendees'])
    .where('caseId', 'in', caseIds)
    .execute()
  const peopleOf = Map.groupBy(parties, (p) => p.caseId)
  const unitsOf = Map.groupBy(households, (h) => h.caseId)
  const rows: IndexRow[] = cases.map((c) => {
    const people = peopleOf.get(c.id) ?? []
    const ident = [
      c.number,
      ...people.map((p) => p.name),
      ...people.flatMap((p) => [p.phone, p.idNumber].filter((n) => n !== null).map(compactNumber)),
      ...(unitsOf.get(c.id) ?? []).map((h) => h.unit),
    ]
    const place = [c.street, ...people.map((p) => p.address ?? '')]
    return {
      caseId: c.id,
      entryId: null,
      ident: indexTerms(ident.join('\n')),
      place: indexTerms(place.join('\n')),
      summary: indexTerms(c.summary),
      record: '',
    }
  })
  for (const entry of entries) {
    rows.push({
      caseId: entry.caseId,
      entryId: entry.id,
      ident: '',
      place: '',
      summary: '',
      record: indexTerms(entryText(entry)),
    })
  }
  await insertRows(db, rows)
}

/**
 * Rewrites everything issue 7 derives from these cases — their search index rows and their
 * stored deadline columns — from what the case tables hold now. Call it inside the transaction
 * that changed them (writeCase and cases.create do; so must bulk imports and anonymization),
 * so that search and the list never disagree with the case file.
 */
export async function reindexCases(db: Kysely<Database>, caseIds: readonly string[]) {
  for (let i = 0; i < caseIds.length; i += CHUNK) {
    const chunk = caseIds.slice(i, i + CHUNK)
    await indexChunk(db, chunk)
    await storeDeadlines(db, chunk)
  }
}

export async function reindexCase(trx: Kysely<Database>, caseId: string) {
  await reindexCases(trx, [caseId])
}

/** Rebuilds the whole index and every deadline column (search.rebuild; a calendar change). */
export async function rebuildSearch(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('searchDoc').execute()
    // Also drops terms a crash or an older build may have left without their search_doc row.
    for (const table of ['search_case_fts', 'search_record_fts']) {
      await sql`INSERT INTO ${sql.table(table)} (${sql.ref(table)}) VALUES ('delete-all')`.execute(
        trx,
      )
    }
    const ids = (await trx.selectFrom('case').select('id').execute()).map((row) => row.id)
    await reindexCases(trx, ids)
    for (const table of ['search_case_fts', 'search_record_fts']) {
      await sql`INSERT INTO ${sql.table(table)} (${sql.ref(table)}) VALUES ('optimize')`.execute(
        trx,
      )
    }
    return ids.length
  })
}
