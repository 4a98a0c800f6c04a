/**
 * Password rules shared by the setup form, the change-password form and the core (which is
 * the one that enforces them). Length beats composition (NIST SP 800-63B), but an office PC
 * also needs a floor against "1234567890", hence two character classes and a short deny list.
 */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 128

export type PasswordRule = 'tooShort' | 'tooLong' | 'needsTwoClasses' | 'containsLogin' | 'common'

const COMMON = [
  'password',
  'qwerty',
  '123456',
  'abcdef',
  'admin',
  'concord',
  'iloveyou',
  'woaini',
  '000000',
  '111111',
]

export function passwordProblems(password: string, login = ''): PasswordRule[] {
  const problems: PasswordRule[] = []
  const chars = [...password]
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push('tooShort')
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push('tooLong')
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password))
  if (classes.length < 2) problems.push('needsTwoClasses')
  const lower = password.toLowerCase()
  if (login.length >= 3 && lower.includes(login.toLowerCase())) problems.push('containsLogin')
  if (COMMON.some((word) => lower.includes(word)) || new Set(chars).size <= 3) {
    problems.push('common')
  }
  return problems
}
