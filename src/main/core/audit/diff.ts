import { isDeepStrictEqual } from 'node:util'

/** One changed leaf: JSON text of the value before and after ('null' where there was none). */
export interface Change {
  path: string
  before: string
  after: string
}

type Plain = Record<string, unknown>

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Rows of a list are matched by their id, so a removed party is not "every later party changed". */
function keyOf(item: unknown): string | undefined {
  if (!isPlain(item)) return undefined
  const key = item.id ?? item.itemId
  return typeof key === 'string' ? key : undefined
}

const keyedList = (value: unknown): value is unknown[] =>
  Array.isArray(value) && value.every((item) => keyOf(item) !== undefined)

function byKey(list: unknown[]): Plain {
  return Object.fromEntries(list.map((item) => [keyOf(item), item]))
}

function walk(before: unknown, after: unknown, path: string, out: Change[]): void {
  if (isDeepStrictEqual(before, after)) return
  const lists =
    (before === undefined || keyedList(before)) && (after === undefined || keyedList(after))
  if (lists && (Array.isArray(before) || Array.isArray(after))) {
    const [b, a] = [byKey((before as unknown[]) ?? []), byKey((after as unknown[]) ?? [])]
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      walk(b[key], a[key], `${path}[${key}]`, out)
    }
    return
  }
  if ((before === undefined || isPlain(before)) && (after === undefined || isPlain(after))) {
    const [b, a] = [before ?? {}, after ?? {}] as [Plain, Plain]
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      // A list row's id is already in its path.
      if (key === 'id' && path.endsWith(']')) continue
      walk(b[key], a[key], path ? `${path}.${key}` : key, out)
    }
    return
  }
  out.push({ path, before: JSON.stringify(before ?? null), after: JSON.stringify(after ?? null) })
}

/**
 * The changed leaves between two JSON-like values, as `parties[<id>].phone` → before/after.
 * Objects and lists of rows with ids are walked; anything else (text, numbers, lists of names)
 * is one leaf. `ignore` names top-level keys that are derived, not data (clocks, next steps).
 */
export function diff(before: Plain, after: Plain, ignore: readonly string[] = []): Change[] {
  const strip = (value: Plain) =>
    Object.fromEntries(Object.entries(value).filter(([key]) => !ignore.includes(key)))
  const out: Change[] = []
  walk(strip(before), strip(after), '', out)
  return out
}
