import { z } from 'zod'
import { parseDay, todayInChina } from './iso-date'

/**
 * The 18-character citizen identity number of GB 11643-1999: a 6-digit address code
 * (GB/T 2260), the 8-digit birth date, a 3-digit sequence whose last digit is odd for men and
 * even for women, and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
export const ResidentIdProblem = z.enum(['format', 'region', 'birthDate', 'checksum'])
export type ResidentIdProblem = z.infer<typeof ResidentIdProblem>

export const Sex = z.enum(['male', 'female'])
export type Sex = z.infer<typeof Sex>

export type ResidentIdCheck =
  | { readonly valid: true; readonly birthDate: string; readonly sex: Sex; readonly region: string }
  | { readonly valid: false; readonly reason: ResidentIdProblem }

/**
 * Province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao), plus 83, which the
 * residence permits for Taiwan residents use (港澳台居民居住证申领发放办法, 2018; the permits of
 * Hong Kong and Macao residents use 81 and 82 in the same 18-character format).
 */
const PROVINCES = new Set([
  ...['11', '12', '13', '14', '15'], // 华北
  ...['21', '22', '23'], // 东北
  ...['31', '32', '33', '34', '35', '36', '37'], // 华东
  ...['41', '42', '43', '44', '45', '46'], // 中南
  ...['50', '51', '52', '53', '54'], // 西南
  ...['61', '62', '63', '64', '65'], // 西北
  ...['71', '81', '82', '83'],
])

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARACTERS = '10X98765432'
const EARLIEST_BIRTH_DATE = '1900-01-01'

/** ISO 7064 MOD 11-2 over the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0)
  return CHECK_CHARACTERS[sum % 11] ?? ''
}

/**
 * Strict: ASCII digits only. Full-width digits, inner spaces and 15-digit numbers (withdrawn
 * since 2013) are a 'format' problem, so what is stored is exactly what the card shows and
 * quick search by ID finds it. A lower-case x is accepted, as ID readers and people type both.
 * The reason reported is the first one found in the order format, region, birthDate, checksum:
 * a mistyped birth date is easier to correct when named than as a bad check character.
 */
export function checkResidentId(id: string, today: string = todayInChina()): ResidentIdCheck {
  if (!/^\d{17}[\dXx]$/.test(id)) return { valid: false, reason: 'format' }
  const region = id.slice(0, 2)
  if (!PROVINCES.has(region)) return { valid: false, reason: 'region' }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (parseDay(birthDate) === undefined || birthDate < EARLIEST_BIRTH_DATE || birthDate > today) {
    return { valid: false, reason: 'birthDate' }
  }
  if (residentIdCheckCharacter(id) !== id.slice(17).toUpperCase()) {
    return { valid: false, reason: 'checksum' }
  }
  return { valid: true, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', region }
}

/** Trims, upper-cases the check character and rejects with `residentId.<problem>`. */
export const ResidentId = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((id, ctx) => {
    const check = checkResidentId(id)
    if (!check.valid) ctx.addIssue({ code: 'custom', message: `residentId.${check.reason}` })
  })
