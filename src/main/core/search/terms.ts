/**
 * The text the search index holds and the queries it answers (migration 0012). Han characters
 * have no spaces between words and a word is often two characters (张三, 噪音), so a Han run is
 * indexed as its overlapping bigrams; letter and digit runs (phone and ID numbers, case-number
 * years and sequences) as their overlapping trigrams, so any fragment of three or more
 * characters is found. Each run also ends with its last one (Han) or two (letters, digits)
 * characters, so a shorter query can be matched as a prefix. Consecutive n-grams of a run sit
 * at consecutive positions: a query becomes one FTS5 phrase per run, which matches exactly the
 * runs that contain it.
 */

const HAN = /\p{Script=Han}/u
// Han characters are letters too: the second kind of run must leave them out, or 第0001号
// would end in a mixed run (0001号) indexed as bigrams and never match the digits 0001.
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu

/** The form text is compared in: full-width forms folded (ＡＢ１ → ab1), lower case. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

function runs(text: string): string[] {
  return normalize(text).match(RUN) ?? []
}

function ngrams(chars: string[], n: number): string[] {
  const grams: string[] = []
  for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''))
  return grams
}

/** The n-gram size of a run: 2 for Han, 3 for letters and digits. */
function sizeOf(run: string): number {
  return HAN.test(run) ? 2 : 3
}

/** The index terms of a text, space-separated, for one column of the search index. */
export function indexTerms(text: string): string {
  const out: string[] = []
  for (const run of runs(text)) {
    const chars = [...run]
    const n = sizeOf(run)
    out.push(...ngrams(chars, n))
    // The tail, so that a short query matches as a prefix wherever it stands in the run.
    for (let tail = Math.min(n - 1, chars.length); tail >= 1; tail--) {
      out.push(chars.slice(chars.length - tail).join(''))
    }
  }
  return out.join(' ')
}

/** The words of a query: whitespace-separated, each normalized, empty ones dropped. */
export function queryWords(query: string): string[] {
  return normalize(query)
    .split(/\s+/u)
    .filter((word) => runs(word).length > 0)
}

/**
 * The FTS5 expression for a query: every run of every word must be in the row, a run of at
 * least the n-gram size as the phrase of its n-grams, a shorter one as a prefix. Null for a
 * query without a letter, digit or Han character.
 */
export function matchExpression(query: string): string | null {
  const parts: string[] = []
  for (const run of runs(query)) {
    const chars = [...run]
    const n = sizeOf(run)
    // Runs hold letters, digits and Han only, so quoting cannot be broken out of.
    parts.push(chars.length >= n ? `"${ngrams(chars, n).join(' ')}"` : `"${run}" *`)
  }
  return parts.length > 0 ? parts.join(' AND ') : null
}
