import { sql, type Kysely } from 'kysely'
import { maskPhone, maskResidentId } from '../../../shared/domain/masking'
import type { Highlight, SearchField, SearchResult } from '../../../shared/schemas/search'
import { visibleCases } from '../cases/access'
import type { Database } from '../db/schema'
import type { SessionUser } from '../vault'
import { compactNumber, entryText, searchTexts } from './index'
import { matchExpression, normalize, queryWords } from './terms'

/** The index columns in the order their matches rank (migration 0012): the case table's, then records. */
const TIERS = ['ident', 'place', 'summary', 'record'] as const
type Tier = (typeof TIERS)[number]

/** Index rows read per tier for each result wanted: room for several matches per case. */
const CANDIDATES_PER_RESULT = 3
const SNIPPET_CHARS = 80
const SNIPPET_LEAD = 20

interface Hit {
  caseId: string
  entryId: string | null
  score: number
}

/**
 * The newest matching rows of one index column that this user may see. Walking the index in
 * rowid order lets SQLite stop after `limit` rows however common the words are (ordering by
 * relevance would score every match first); the mediator's access check runs per row inside
 * that walk. Relevance then orders the rows read.
 */
async function hits(
  db: Kysely<Database>,
  user: SessionUser,
  tier: Tier,
  expression: string,
  limit: number,
): Promise<Hit[]> {
  const assigned =
    user.role === 'supervisor'
      ? sql``
      : sql`AND EXISTS (SELECT 1 FROM case_mediator AS m
          WHERE m.case_id = d.case_id AND m.user_id = ${user.id})`
  const fts = sql.table(tier === 'record' ? 'search_record_fts' : 'search_case_fts')
  const { rows } = await sql<Hit>`
    SELECT d.case_id, d.entry_id, bm25(${fts}) AS score
    FROM ${fts} CROSS JOIN search_doc AS d ON d.id = ${fts}.rowid
    WHERE ${fts} MATCH ${`{${tier}} : (${expression})`} ${assigned}
    ORDER BY ${fts}.rowid DESC
    LIMIT ${limit}`.execute(db)
  return rows.toSorted((a, b) => a.score - b.score)
}

interface Candidate {
  field: SearchField
  /** What the words are looked for in. */
  text: string
  /** What the result shows instead of the text, without highlights (masked numbers). */
  shown?: string
}

function occurrences(text: string, words: readonly string[]): Highlight[] {
  const ranges: Highlight[] = []
  for (const word of words) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
      ranges.push({ start: at, end: at + word.length })
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: Highlight[] = []
  for (const range of ranges) {
    const last = merged.at(-1)
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  return merged
}

/** The text around the first match, at most SNIPPET_CHARS long, with its highlights. */
function snippetOf(text: string, words: readonly string[]) {
  const normalized = normalize(text)
  // NFKC can change a text's length; then the highlights follow the normalized form.
  const shown = (normalized.length === text.length ? text : normalized).replace(/\s/gu, ' ')
  const ranges = occurrences(normalized, words)
  if (shown.length <= SNIPPET_CHARS) return { snippet: shown, highlights: ranges }
  const start = Math.max(
    0,
    Math.min((ranges[0]?.start ?? 0) - SNIPPET_LEAD, shown.length - SNIPPET_CHARS),
  )
  const end = Math.min(shown.length, start + SNIPPET_CHARS)
  const prefix = start > 0 ? '…' : ''
  const shift = prefix.length - start
  return {
    snippet: prefix + shown.slice(start, end) + (end < shown.length ? '…' : ''),
    highlights: ranges
      .filter((r) => r.start < end && r.end > start)
      .map((r) => ({ start: Math.max(r.start, start) + shift, end: Math.min(r.end, end) + shift })),
  }
}

/**
 * The index matches runs of n-grams, which is nearly but not exactly "contains": the words of
 * a multi-run query may sit in different fields. The best field containing every word wins;
 * failing that, the first containing any, as long as the row holds every word somewhere.
 */
function bestMatch(candidates: readonly Candidate[], words: readonly string[]) {
  const has = (c: Candidate, word: string) => normalize(c.text).includes(word)
  const everyWord = candidates.find((c) => words.every((w) => has(c, w)))
  if (everyWord) return everyWord
  if (!words.every((w) => candidates.some((c) => has(c, w)))) return undefined
  return candidates.find((c) => words.some((w) => has(c, w)))
}

type Texts = Awaited<ReturnType<typeof searchTexts>>

function caseCandidates(texts: Texts, caseId: string, tier: Tier): Candidate[] {
  const c = texts.cases.find((row) => row.id === caseId)
  if (!c) return []
  const people = texts.parties.filter((p) => p.caseId === caseId)
  if (tier === 'summary') return [{ field: 'summary', text: c.summary }]
  if (tier === 'place') {
    return [c.street, ...people.map((p) => p.address ?? '')].map((text) => ({
      field: 'address',
      text,
    }))
  }
  const numbers = (field: 'phone' | 'idNumber', mask: (n: string) => string) =>
    people.flatMap((p) => {
      const value = p[field]
      return value === null
        ? []
        : [{ field, text: compactNumber(value), shown: `${p.name} ${mask(value)}` }]
    })
  return [
    { field: 'number', text: c.number },
    ...people.map((p) => ({ field: 'party' as const, text: p.name })),
    ...numbers('phone', maskPhone),
    ...numbers('idNumber', maskResidentId),
    ...texts.households
      .filter((h) => h.caseId === caseId)
      .map((h) => ({ field: 'household' as const, text: h.unit })),
  ]
}

async function entryTexts(db: Kysely<Database>, entryIds: string[]) {
  if (entryIds.length === 0) return new Map<string, string>()
  const rows = await db
    .selectFrom('timelineEntry')
    .select(['id', 'body', 'place', 'attendees'])
    .where('id', 'in', entryIds)
    .execute()
  return new Map(rows.map((row) => [row.id, entryText(row)]))
}

type Match = Omit<SearchResult, 'number' | 'category' | 'stage'>

async function verified(
  db: Kysely<Database>,
  tier: Tier,
  found: readonly Hit[],
  words: readonly string[],
): Promise<Match[]> {
  if (found.length === 0) return []
  const texts = await searchTexts(db, [...new Set(found.map((h) => h.caseId))])
  const entries = await entryTexts(
    db,
    found.flatMap((h) => (h.entryId === null ? [] : [h.entryId])),
  )
  return found.flatMap((hit) => {
    const entry = hit.entryId === null ? undefined : entries.get(hit.entryId)
    const candidates =
      tier === 'record'
        ? entry === undefined
          ? []
          : [{ field: 'record' as const, text: entry }]
        : caseCandidates(texts, hit.caseId, tier)
    const match = bestMatch(candidates, words)
    if (!match) return []
    const shown = match.shown
      ? { snippet: match.shown, highlights: [] }
      : snippetOf(match.text, words)
    return [{ caseId: hit.caseId, entryId: hit.entryId, field: match.field, ...shown }]
  })
}

/**
 * Search for the Ctrl+K box: at most `limit` cases this user may see, one result per case at
 * its best match — case number, names, phone and ID numbers and household units first, then
 * addresses, summaries and timeline records; within each, by relevance (bm25) among the newest
 * matches. Every result is checked against the recorded text, which also gives the snippet.
 */
export async function searchCases(
  db: Kysely<Database>,
  user: SessionUser,
  query: string,
  limit: number,
): Promise<SearchResult[]> {
  const expression = matchExpression(query)
  if (expression === null) return []
  const words = queryWords(query)
  const matches: Match[] = []
  const seen = new Set<string>()
  for (const tier of TIERS) {
    if (matches.length >= limit) break
    const found = (await hits(db, user, tier, expression, limit * CANDIDATES_PER_RESULT)).filter(
      (hit) => !seen.has(hit.caseId),
    )
    for (const match of await verified(db, tier, found, words)) {
      if (seen.has(match.caseId) || matches.length >= limit) continue
      seen.add(match.caseId)
      matches.push(match)
    }
  }
  if (matches.length === 0) return []
  // The second wall: results come out through the same access rule as every case query.
  const cases = await visibleCases(db, user)
    .select(['case.id', 'case.number', 'case.category', 'case.stage'])
    .where(
      'case.id',
      'in',
      matches.map((m) => m.caseId),
    )
    .execute()
  const byId = new Map(cases.map((c) => [c.id, c]))
  return matches.flatMap((match) => {
    const c = byId.get(match.caseId)
    return c ? [{ ...match, number: c.number, category: c.category, stage: c.stage }] : []
  })
}

/**
 * The cases whose number, party names, phone or ID numbers or household units match `text`
 * (the case list's text filter), as a subquery of case ids for `case.id IN (…)`. Null when the
 * text has nothing searchable in it, which matches no case.
 */
export function identMatches(text: string) {
  const expression = matchExpression(text)
  if (expression === null) return null
  return sql<string>`(SELECT d.case_id FROM search_case_fts CROSS JOIN search_doc AS d
    ON d.id = search_case_fts.rowid WHERE search_case_fts MATCH ${`{ident} : (${expression})`})`
}
