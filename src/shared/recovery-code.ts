/**
 * The recovery code is 150 random bits written as six groups of five Crockford base32
 * characters (no I, L, O, U: nothing to misread when it is copied by hand from paper).
 * Shared so that the setup screen can pick groups to re-type and the login form can accept
 * the code with or without dashes, spaces or lower case.
 */
export const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const RECOVERY_GROUPS = 6
export const RECOVERY_GROUP_LENGTH = 5

export function normalizeRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
}

export function formatRecoveryCode(normalized: string): string {
  const groups: string[] = []
  for (let i = 0; i < normalized.length; i += RECOVERY_GROUP_LENGTH) {
    groups.push(normalized.slice(i, i + RECOVERY_GROUP_LENGTH))
  }
  return groups.join('-')
}

export function isWellFormedRecoveryCode(input: string): boolean {
  const code = normalizeRecoveryCode(input)
  return (
    code.length === RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH &&
    [...code].every((c) => RECOVERY_ALPHABET.includes(c))
  )
}
