import { randomInt } from 'node:crypto'
import {
  formatRecoveryCode,
  RECOVERY_ALPHABET,
  RECOVERY_GROUP_LENGTH,
  RECOVERY_GROUPS,
} from '../../../shared/recovery-code'

export function generateRecoveryCode(): string {
  let code = ''
  for (let i = 0; i < RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH; i++) {
    code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]
  }
  return formatRecoveryCode(code)
}

/** Two distinct group indexes for the "type groups m and n" confirmation. */
export function pickConfirmGroups(): [number, number] {
  const first = randomInt(RECOVERY_GROUPS)
  const second = (first + 1 + randomInt(RECOVERY_GROUPS - 1)) % RECOVERY_GROUPS
  return first < second ? [first, second] : [second, first]
}
