import fc from 'fast-check'
import type { z } from 'zod'
import { IsoDate, IsoDateTime } from '../../src/shared/domain/iso-date'

/**
 * Payload generators for the fuzz test: hostile values of every kind, samples shaped by a
 * channel's own zod input schema, and those samples with one field broken.
 */

/** Strings that have broken parsers, paths, SQL, JSON, renderers and logs elsewhere. */
const NASTY_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\u202e\u202dRTL\u200f',
  '\u200b\u200c\u200d\ufeff',
  '\u0301\u0301\u0301',
  '𠀀𪚥𰻞',
  '👨‍👩‍👧‍👦',
  '../../../../etc/passwd',
  'C:\\Windows\\System32\\config\\SAM',
  '\\\\server\\share\\x.db',
  '\'; DROP TABLE "case"; --',
  '" OR 1=1 --',
  '%s%s%n',
  '${process.exit(1)}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '0000-00-00',
  '2026-02-30',
  '2026-13-01',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '1900-01-01T24:00',
  '2026-03-10T23:60',
  '2026-03-10T10:00:00.000Z',
  'NaN',
  'Infinity',
  '1e309',
  '-0',
]

/** Strings of megabytes: built once, shared by every payload that uses them. */
const HUGE_TEXT = ['x'.repeat(5 * 1024 * 1024), '张'.repeat(1024 * 1024), '\ud800'.repeat(300_000)]

const NASTY_NUMBERS = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  -1,
  0.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_VALUE,
  Number.MIN_VALUE,
]

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value }
  return value
}

/** Objects whose own keys try to reach Object.prototype when merged, spread or assigned. */
export function pollutionPayloads(): unknown[] {
  return [
    JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
    JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
    JSON.parse('{"prototype": {"polluted": "yes"}, "__proto__": null}') as unknown,
    JSON.parse('{"a": {"__proto__": {"polluted": "yes"}}}') as unknown,
  ]
}

const DEEP = [nested(10_000, true), nested(10_000, false), nested(200, false)]

const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_TEXT) },
)

const nastyNumber = fc.oneof(
  fc.constantFrom(...NASTY_NUMBERS),
  fc.double(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
)

/** Any value at all, weighted towards the ones that break things. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: nastyNumber },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(undefined, null, true, false, 0n, Symbol.iterator),
  },
  { weight: 1, arbitrary: fc.constantFrom(...pollutionPayloads()) },
  { weight: 1, arbitrary: fc.constantFrom(...DEEP) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  {
    weight: 3,
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
      withSparseArray: true,
      withUnicodeString: true,
    }),
  },
)

/** Values for fields named after what they refer to, so samples reach past the lookups. */
export type Hints = Record<string, () => fc.Arbitrary<unknown>>

const KNOWN = new Map<z.ZodType, fc.Arbitrary<unknown>>([
  [IsoDate, fc.constantFrom('2026-03-05', '2026-03-20', '2025-12-31', '2026-02-28')],
  [IsoDateTime, fc.constantFrom('2026-03-05T10:00', '2026-03-06T15:30')],
])

interface Def {
  type: string
  [key: string]: unknown
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def

function bounds(def: Def): { min?: number; max?: number; pattern?: RegExp } {
  const out: { min?: number; max?: number; pattern?: RegExp } = {}
  if (def.pattern instanceof RegExp) out.pattern = def.pattern
  for (const check of (def.checks as { _zod: { def: Record<string, unknown> } }[]) ?? []) {
    const c = check._zod.def
    if (c.check === 'min_length' || c.check === 'greater_than') {
      out.min = Number(c.minimum ?? c.value)
    }
    if (c.check === 'max_length' || c.check === 'less_than') out.max = Number(c.maximum ?? c.value)
    if (c.check === 'string_format' && c.pattern instanceof RegExp) out.pattern = c.pattern
  }
  return out
}

/**
 * A generator of values shaped like `schema`: right types, enums, lengths and patterns, named
 * references from `hints`. Refinements it cannot see make some samples invalid, which is fine:
 * the fuzz wants both sides of every rule.
 */
export function shaped(
  schema: z.ZodType,
  hints: Hints,
  key = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const known = KNOWN.get(schema)
  if (known) return known
  const hint = hints[key]
  const def = defOf(schema)
  if (hint && !['array', 'optional', 'nullable', 'default'].includes(def.type)) return hint()
  if (depth > 6) return fc.constant(undefined)
  const inner = (s: unknown, k = key) => shaped(s as z.ZodType, hints, k, depth + 1)
  const b = bounds(def)
  switch (def.type) {
    case 'string':
      if (b.pattern) return fc.stringMatching(b.pattern).map((s) => s.slice(0, b.max ?? 200))
      return fc.string({
        minLength: Math.max(b.min ?? 0, 1),
        maxLength: Math.max(Math.min(b.max ?? 30, 30), Math.max(b.min ?? 0, 1)),
      })
    case 'number':
      return fc.integer({ min: b.min ?? 0, max: Math.min(b.max ?? 1000, 1_000_000) })
    case 'boolean':
      return fc.boolean()
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>))
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]))
    case 'null':
      return fc.constant(null)
    case 'undefined':
    case 'void':
      return fc.constant(undefined)
    case 'date':
      return fc.date()
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>
      const required = Object.keys(shape).filter((k) => {
        const t = defOf(shape[k] as z.ZodType).type
        return t !== 'optional' && t !== 'default'
      })
      return fc.record(
        Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, inner(s, k)])),
        { requiredKeys: required },
      )
    }
    case 'array':
      return fc.array(inner(def.element), {
        minLength: b.min ?? 0,
        maxLength: Math.min(b.max ?? 3, 3),
      })
    case 'tuple':
      return fc.tuple(...(def.items as z.ZodType[]).map((s) => inner(s)))
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((s) => inner(s)))
    case 'optional':
    case 'default':
      return fc.option(inner(def.innerType), { nil: undefined })
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null })
    case 'pipe':
      return inner(def.in)
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 10 }), inner(def.valueType), { maxKeys: 3 })
    case 'lazy':
      return inner((def.getter as () => z.ZodType)())
    case 'custom':
      return fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 64 }), hostile)
    default:
      return hostile
  }
}

type Mutation = 'replace' | 'delete' | 'pollute' | 'wrap' | 'huge'

/** The sample with one field (chosen by `at`) broken in one way. */
export function mutate(sample: unknown, at: number, how: Mutation, value: unknown): unknown {
  if (typeof sample !== 'object' || sample === null) return how === 'wrap' ? [sample] : value
  let copy: Record<string, unknown>
  try {
    copy = structuredClone(sample) as Record<string, unknown>
  } catch {
    return value // symbols and the like: no field to break, send the hostile value instead
  }
  const slots: [Record<string, unknown>, string][] = []
  const walk = (node: unknown, depth = 0) => {
    if (typeof node !== 'object' || node === null || ArrayBuffer.isView(node) || depth > 8) return
    for (const k of Object.keys(node)) {
      slots.push([node as Record<string, unknown>, k])
      walk((node as Record<string, unknown>)[k], depth + 1)
    }
  }
  walk(copy)
  const slot = slots[at % Math.max(slots.length, 1)]
  if (!slot)
    return how === 'pollute' ? Object.assign(pollutionPayloads()[0] as object, copy) : value
  const [parent, k] = slot
  if (how === 'replace') parent[k] = value
  else if (how === 'delete') delete parent[k]
  else if (how === 'wrap') parent[k] = [parent[k]]
  else if (how === 'huge') parent[k] = HUGE_TEXT[at % HUGE_TEXT.length]
  else Object.defineProperty(parent, '__proto__', { value: { polluted: 'yes' }, enumerable: true })
  return copy
}

export const mutation = fc.constantFrom<Mutation>(
  'replace',
  'replace',
  'delete',
  'pollute',
  'wrap',
  'huge',
)
