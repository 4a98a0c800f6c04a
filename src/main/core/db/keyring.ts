import { createHmac, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomic } from '../atomic-file'
import { Slot } from '../crypto/slot'
import { CoreError } from '../errors'

/**
 * keyring.json, beside the case base: one slot per user plus one recovery slot (format in
 * docs/security.md). Logins are stored only as HMAC-SHA256 under a per-keyring salt, so the
 * file names nobody.
 */
export const Keyring = z.object({
  format: z.literal('concord-keyring'),
  version: z.literal(1),
  loginSalt: z.base64(),
  slots: z.array(Slot),
})
export type Keyring = z.infer<typeof Keyring>

export function newKeyring(): Keyring {
  return {
    format: 'concord-keyring',
    version: 1,
    loginSalt: randomBytes(16).toString('base64'),
    slots: [],
  }
}

export function loginHash(keyring: Keyring, login: string): string {
  return createHmac('sha256', Buffer.from(keyring.loginSalt, 'base64')).update(login).digest('hex')
}

export function readKeyring(file: string): Keyring {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new CoreError('KEYRING_MISSING')
  }
  try {
    return Keyring.parse(JSON.parse(text))
  } catch {
    throw new CoreError('KEYRING_CORRUPT')
  }
}

export function writeKeyring(file: string, keyring: Keyring): void {
  writeFileAtomic(file, `${JSON.stringify(Keyring.parse(keyring), null, 2)}\n`)
}

export function userSlot(keyring: Keyring, login: string): Slot | undefined {
  const hash = loginHash(keyring, login)
  return keyring.slots.find((slot) => slot.kind === 'user' && slot.loginHash === hash)
}

export function recoverySlot(keyring: Keyring): Slot | undefined {
  return keyring.slots.find((slot) => slot.kind === 'recovery')
}

export function replaceSlot(keyring: Keyring, oldId: string | null, slot: Slot): Keyring {
  return { ...keyring, slots: [...keyring.slots.filter((s) => s.id !== oldId), slot] }
}
