import { z } from 'zod'

/**
 * Mainland phone numbers as parties give them: mobiles (1[3-9] + 9 digits, optionally with
 * +86/0086/86), landlines with an area code (3 digits for 010 and 02x, 4 digits otherwise) and
 * bare local numbers of 7–8 digits, which in a Shanghai office mean 021. Spaces, hyphens and
 * parentheses between groups are accepted; extensions are not, to keep one number per field.
 */
export const PhoneKind = z.enum(['mobile', 'landline', 'local'])
export type PhoneKind = z.infer<typeof PhoneKind>

export const ParsedPhone = z.object({ kind: PhoneKind, areaCode: z.string(), number: z.string() })
export type ParsedPhone = z.infer<typeof ParsedPhone>

const MOBILE = /^(?:(?:\+|00)?86)?(1[3-9]\d{9})$/
const LANDLINE = /^(?:(?:\+|00)?86)?(010|02\d|0[3-9]\d{2})([1-9]\d{6,7})$/
const LOCAL = /^[1-9]\d{6,7}$/

export function parsePhone(input: string): ParsedPhone | undefined {
  const compact = input.trim().replace(/[\s\-()]/g, '')
  const mobile = MOBILE.exec(compact)
  if (mobile) return { kind: 'mobile', areaCode: '', number: mobile[1] ?? '' }
  // Written internationally the area code drops its 0: +86 21 6234 5678.
  const restored = compact.replace(/^((?:\+|00)?86)(?=[1-9]\d{8,10}$)/, (prefix) => `${prefix}0`)
  const landline = LANDLINE.exec(restored)
  if (landline) return { kind: 'landline', areaCode: landline[1] ?? '', number: landline[2] ?? '' }
  if (LOCAL.test(compact)) return { kind: 'local', areaCode: '', number: compact }
  return undefined
}

/** One stored form per number, so that quick search by phone finds it however it was typed. */
export function formatPhone(phone: ParsedPhone): string {
  return phone.areaCode ? `${phone.areaCode}-${phone.number}` : phone.number
}

export const Phone = z
  .string()
  .refine((input) => parsePhone(input) !== undefined, { message: 'phone' })
  .transform((input) => formatPhone(parsePhone(input) as ParsedPhone))
