import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import { deriveKey, KdfParams, type ScryptCost } from './kdf'

export const SlotKind = z.enum(['user', 'recovery'])

/**
 * One key slot: the 32-byte case-base key wrapped with AES-256-GCM under a key derived from a
 * password or the recovery code. The additional authenticated data binds the wrapped key to
 * the slot's id, kind, login hash and KDF parameters, so editing any of them (for instance
 * lowering the scrypt cost, or moving a slot to another login) makes unwrapping fail.
 */
export const Slot = z.object({
  id: z.uuid(),
  kind: SlotKind,
  loginHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  kdf: KdfParams,
  cipher: z.object({
    name: z.literal('aes-256-gcm'),
    iv: z.base64(),
    tag: z.base64(),
  }),
  wrappedKey: z.base64(),
  createdAt: z.iso.datetime(),
})
export type Slot = z.infer<typeof Slot>

export function slotAad(slot: Pick<Slot, 'id' | 'kind' | 'loginHash' | 'kdf'>): Buffer {
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

export async function wrapKey(
  caseBaseKey: Buffer,
  secret: string,
  meta: { kind: Slot['kind']; loginHash: string | null },
  cost: ScryptCost,
  now: Date,
): Promise<Slot> {
  const kdf: KdfParams = {
    name: 'scrypt',
    ...cost,
    salt: randomBytes(16).toString('base64'),
    keyLength: 32,
  }
  const header = { id: randomUUID(), kind: meta.kind, loginHash: meta.loginHash, kdf }
  const kek = await deriveKey(secret, kdf)
  const iv = randomBytes(12)
  try {
    const cipher = createCipheriv('aes-256-gcm', kek, iv)
    cipher.setAAD(slotAad(header))
    const wrapped = Buffer.concat([cipher.update(caseBaseKey), cipher.final()])
    return {
      ...header,
      cipher: {
        name: 'aes-256-gcm',
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
      },
      wrappedKey: wrapped.toString('base64'),
      createdAt: now.toISOString(),
    }
  } finally {
    kek.fill(0)
  }
}

/** Returns the case-base key, or null when the secret is wrong or the slot was altered. */
export async function unwrapKey(slot: Slot, secret: string): Promise<Buffer | null> {
  const kek = await deriveKey(secret, slot.kdf)
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.cipher.iv, 'base64'))
    decipher.setAAD(slotAad(slot))
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
