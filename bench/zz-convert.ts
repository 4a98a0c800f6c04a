// One-off: converts the 100k bench cache seeded with the single-table index layout to the two-table one.
import { sql } from 'kysely'
import { createCore } from '/work/main/src/main/core/router'
import { compactNumber, searchTexts } from '/work/main/src/main/core/search/index'
import { indexTerms } from '/work/main/src/main/core/search/terms'
const dir = process.argv[2]!
const core = createCore({ dataDir: dir })
const r = await core.handle({ channel: 'auth.unlock', payload: { login: 'zhuguan1', password: 'Bench-Mima-2026' } })
if (!r.ok) throw new Error('unlock ' + r.error.code)
const t0 = performance.now()
await core.run(async (ctx) => {
  const { db, sqlite } = ctx.vault.caseBase()
  await db.transaction().execute(async (trx) => {
    await sql`DROP TRIGGER search_doc_removed`.execute(trx)
    await sql`CREATE INDEX case_by_category ON "case" (category, accepted_at, number)`.execute(trx)
    await sql`ALTER TABLE search_fts RENAME TO search_record_fts`.execute(trx)
    await sql`CREATE VIRTUAL TABLE search_case_fts USING fts5(ident, place, summary, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')`.execute(trx)
    await sql`CREATE TRIGGER search_doc_case_removed AFTER DELETE ON search_doc WHEN old.entry_id IS NULL BEGIN DELETE FROM search_case_fts WHERE rowid = old.id; END`.execute(trx)
    await sql`CREATE TRIGGER search_doc_record_removed AFTER DELETE ON search_doc WHEN old.entry_id IS NOT NULL BEGIN DELETE FROM search_record_fts WHERE rowid = old.id; END`.execute(trx)
    await sql`DELETE FROM search_record_fts WHERE rowid IN (SELECT id FROM search_doc WHERE entry_id IS NULL)`.execute(trx)
    console.log('deleted case rows', Math.round(performance.now() - t0))
    const docs = await trx.selectFrom('searchDoc').select(['id', 'caseId']).where('entryId', 'is', null).execute()
    const idOf = new Map(docs.map((d) => [d.caseId, d.id]))
    const ids = [...idOf.keys()]
    for (let i = 0; i < ids.length; i += 500) {
      const { cases, parties, households } = await searchTexts(trx, ids.slice(i, i + 500))
      const peopleOf = Map.groupBy(parties, (p) => p.caseId)
      const unitsOf = Map.groupBy(households, (h) => h.caseId)
      const values = cases.map((c) => {
        const people = peopleOf.get(c.id) ?? []
        const ident = [c.number, ...people.map((p) => p.name), ...people.flatMap((p) => [p.phone, p.idNumber].filter((n) => n !== null).map(compactNumber)), ...(unitsOf.get(c.id) ?? []).map((h) => h.unit)]
        const place = [c.street, ...people.map((p) => p.address ?? '')]
        return sql`(${idOf.get(c.id)}, ${indexTerms(ident.join('\n'))}, ${indexTerms(place.join('\n'))}, ${indexTerms(c.summary)})`
      })
      await sql`INSERT INTO search_case_fts (rowid, ident, place, summary) VALUES ${sql.join(values)}`.execute(trx)
    }
    console.log('inserted case rows', Math.round(performance.now() - t0))
    console.log('optimized', Math.round(performance.now() - t0))
  })
  sqlite.exec('ANALYZE')
})
await core.close()
console.log('done', Math.round(performance.now() - t0))
