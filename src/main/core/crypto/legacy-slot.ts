import { createDecipheriv } from 'node:crypto'
import { z } from 'zod'
import { deriveKey, KdfParams } from './kdf'
import { SlotKind } from './slot'

/**
 * A slot of keyring format 1, as the first release wrote it: the case-base key itself
 * wrapped with AES-256-GCM under the password's scrypt key. Such a slot cannot be rewrapped
 * without its secret, so it is kept as it is and replaced by a format-2 slot the next time
 * its secret unlocks (docs/security.md, "Keyrings of format 1").
 */
export const LegacySlot = z.object({
  id: z.uuid(),
  kind: SlotKind,
  loginHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  kdf: KdfParams,
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: z.base64(), tag: z.base64() }),
  wrappedKey: z.base64(),
  createdAt: z.iso.datetime(),
})
export type LegacySlot = z.infer<typeof LegacySlot>

function legacyAad(slot: LegacySlot): Buffer {
  const { name, N, r, p, salt, keyLength } = slot.kdf
  return Buffer.from(
    JSON.stringify([
      'concord-slot-v1',
      slot.id,
      slot.kind,
      slot.loginHash,
      name,
      N,
      r,
      p,
      salt,
      keyLength,
    ]),
    'utf8',
  )
}

/** The case-base key, or null when the secret is wrong or the slot was altered. */
export async function openLegacySlot(slot: LegacySlot, secret: string): Promise<Buffer | null> {
  const kek = await deriveKey(secret, slot.kdf)
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.cipher.iv, 'base64'))
    decipher.setAAD(legacyAad(slot))
    decipher.setAuthTag(Buffer.from(slot.cipher.tag, 'base64'))
    const key = Buffer.concat([
      decipher.update(Buffer.from(slot.wrappedKey, 'base64')),
      decipher.final(),
    ])
    return key.length === 32 ? key : null
  } catch {
    return null
  } finally {
    kek.fill(0)
  }
}
