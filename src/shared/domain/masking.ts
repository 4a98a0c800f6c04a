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

const RESIDENT_ID_IN_TEXT = /(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{9}[0-9Xx](?![0-9])/g
const MOBILE_IN_TEXT = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g

/**
 * Free text (a summary, a session record) masked for a reader who may not see who is involved:
 * every value the case records about its people (names, numbers, addresses) is replaced by its
 * masked form wherever it occurs, and anything shaped like a resident ID or a mobile number is
 * masked even if no party carries it. Longest values first, so 张三丰 is not half-replaced by 张三.
 */
export function maskText(text: string, people: readonly PersonalFields[]): string {
  const replacements = new Map<string, string>()
  for (const person of people) {
    if (person.kind === 'person' && person.name.trim()) {
      replacements.set(person.name.trim(), maskName(person.name))
    }
    if (person.idNumber?.trim())
      replacements.set(person.idNumber.trim(), maskResidentId(person.idNumber))
    if (person.phone?.trim()) replacements.set(person.phone.trim(), maskPhone(person.phone))
    if (person.address?.trim()) replacements.set(person.address.trim(), maskAddress(person.address))
  }
  let masked = text
  for (const value of [...replacements.keys()].sort((a, b) => b.length - a.length)) {
    masked = masked.replaceAll(value, replacements.get(value) as string)
  }
  return masked.replace(RESIDENT_ID_IN_TEXT, maskResidentId).replace(MOBILE_IN_TEXT, maskPhone)
}
