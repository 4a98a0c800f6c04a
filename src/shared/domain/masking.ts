import { z } from 'zod'
import { parsePhone } from './phone'

/**
 * The one place personal data is masked (issue 4): the auditor's read-only view, masked and
 * de-identified exports and documents all go through these functions, so a rule changes once.
 *
 * - full: as recorded (assigned mediators and supervisors).
 * - masked: enough to recognise a record on the phone or at the counter, not to identify a
 *   stranger: 310***********1234, 138****5678, 张*, 上海市浦东新区****.
 * - deidentified: no direct identifier at all; people become their role and a number
 *   (申请人1), numbers and addresses disappear. For statistics and training material.
 */
export const PersonalDataView = z.enum(['full', 'masked', 'deidentified'])
export type PersonalDataView = z.infer<typeof PersonalDataView>

/**
 * For lists and exports (PIPL Art. 51: minimize what is shown): an 18-character number keeps
 * the province and city (first 3) and the last 4, like bank and railway tickets do. Anything
 * shorter — a foreign passport, a typo — keeps at most its last 2 characters, so no mask ever
 * shows most of a short number.
 */
export function maskResidentId(id: string): string {
  const chars = [...id.trim()]
  const [head, tail] = chars.length >= 15 ? [3, 4] : chars.length >= 8 ? [0, 2] : [0, 0]
  return chars.map((c, i) => (i < head || i >= chars.length - tail ? c : '*')).join('')
}

/**
 * 138****5678, 021-****5678, ****5678: the last 4 digits are what people use to confirm a
 * number on the phone; the area code is not personal. Input that is not a recognizable number
 * is masked completely rather than guessed at.
 */
export function maskPhone(input: string): string {
  const phone = parsePhone(input)
  if (!phone) return '*'.repeat([...input.trim()].length)
  const { number } = phone
  const masked =
    phone.kind === 'mobile'
      ? `${number.slice(0, 3)}****${number.slice(7)}`
      : `${'*'.repeat(number.length - 4)}${number.slice(-4)}`
  return phone.areaCode ? `${phone.areaCode}-${masked}` : masked
}

/**
 * Keeps the surname's first character: 张三 → 张*, 欧阳娜娜 → 欧***. Latin names keep their
 * first letter. Enough for a caller to confirm "the 张 case" and no more.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return ''
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1))
}

/** Up to the district or county (上海市浦东新区), which statistics report anyway; never the street. */
const DISTRICT = /^.*?(?:区|县|市(?!.*(?:区|县)))/u

export function maskAddress(address: string): string {
  const trimmed = address.trim()
  if (!trimmed) return ''
  const district = DISTRICT.exec(trimmed)?.[0]
  return district && district.length < trimmed.length ? `${district}****` : '****'
}

export interface PersonalFields {
  kind: 'person' | 'organization'
  name: string
  idNumber: string | null
  phone: string | null
  address: string | null
}

/** Someone known only by name (a session's attendee), to be masked in text like a party. */
export const namedPerson = (name: string): PersonalFields => ({
  kind: 'person',
  name,
  idNumber: null,
  phone: null,
  address: null,
})

/**
 * One party as the given view shows it. Organizations keep their name (a company or street
 * office is not personal data) but lose contact details in the de-identified view; the
 * pseudonym ("申请人1") is localized by the caller, which knows the party's role and order.
 */
export function viewParty<P extends PersonalFields>(
  party: P,
  view: PersonalDataView,
  pseudonym: string,
): P {
  if (view === 'full') return party
  if (view === 'deidentified') {
    return {
      ...party,
      name: party.kind === 'organization' ? party.name : pseudonym,
      idNumber: null,
      phone: null,
      address: null,
    }
  }
  return {
    ...party,
    name: party.kind === 'organization' ? party.name : maskName(party.name),
    idNumber: party.idNumber === null ? null : maskResidentId(party.idNumber),
    phone: party.phone === null ? null : maskPhone(party.phone),
    address: party.address === null ? null : maskAddress(party.address),
  }
}

/**
 * A case's parties as a view shows them, people numbered per role in the given order (申请人1,
 * 申请人2, 被申请人1 …: `pseudonym` makes the label). A minor is never shown, even masked
 * (sensitive.ts): outside the full view, only by role and number.
 */
export function viewParties<P extends PersonalFields & { role: string; minor: boolean }>(
  parties: readonly P[],
  view: PersonalDataView,
  pseudonym: (role: string, n: number) => string,
): P[] {
  const counts = new Map<string, number>()
  return parties.map((party) => {
    const n = (counts.get(party.role) ?? 0) + 1
    counts.set(party.role, n)
    const shown = view !== 'full' && party.minor ? 'deidentified' : view
    return viewParty(party, shown, pseudonym(party.role, n))
  })
}

const RESIDENT_ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g
const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g
const LANDLINE_IN_TEXT = /(?<!\d)0\d{2,3}[\s-]?[1-9]\d{6,7}(?!\d)/g

/** A person as recorded, and as the view shows them (viewParty's result). */
export interface ShownPerson {
  original: PersonalFields
  shown: PersonalFields
}

/**
 * Free text (a summary, a session record, an agreement's facts) for a reader who may not see
 * who is involved: every value the case records about its people is replaced, wherever it
 * occurs, by what the view shows of it, and anything shaped like a resident ID or a phone
 * number is masked (or, de-identified, replaced by `hidden`) even if no party carries it.
 * Longest values first, so 欧阳娜娜 is not half-replaced by a party called 欧阳; one-character
 * names are left alone, or every 张 in the text would go.
 */
export function textRedactor(
  people: readonly ShownPerson[],
  view: Exclude<PersonalDataView, 'full'>,
  hidden = '',
): (text: string) => string {
  const pairs: [string, string][] = []
  for (const { original, shown } of people) {
    const name = original.name.trim()
    if (original.kind === 'person' && [...name].length >= 2) pairs.push([name, shown.name])
    for (const field of ['idNumber', 'phone', 'address'] as const) {
      const value = original[field]?.trim()
      if (value) pairs.push([value, shown[field] ?? hidden])
    }
  }
  pairs.sort((a, b) => b[0].length - a[0].length)
  const masked = view === 'masked'
  return (text) =>
    pairs
      .reduce((acc, [from, to]) => acc.replaceAll(from, to), text)
      .replace(RESIDENT_ID_IN_TEXT, (id) => (masked ? maskResidentId(id) : hidden))
      .replace(MOBILE_IN_TEXT, (phone) => (masked ? maskPhone(phone) : hidden))
      .replace(LANDLINE_IN_TEXT, (phone) => (masked ? maskPhone(phone) : hidden))
}

/** Free text masked for the case's own people (the auditor's view, masked exports). */
export function maskText(text: string, people: readonly PersonalFields[]): string {
  const shown = people.map((original) => ({ original, shown: viewParty(original, 'masked', '') }))
  return textRedactor(shown, 'masked')(text)
}
