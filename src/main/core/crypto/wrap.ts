import {
  createCipheriv,
  createDecipheriv,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto'
import { z } from 'zod'
import { Bytes, importPublicKey, rawPublicKey, type Slot } from './slot'

/**
 * The case-base key of one generation, wrapped to one slot's public key: an ephemeral X25519
 * key agreement, HKDF-SHA256 over the shared secret, AES-256-GCM. The HKDF salt holds both
 * public keys and the info names the slot and the generation, so a wrap copied to another
 * slot or generation does not open.
 */
export const Wrap = z.object({
  slot: z.uuid(),
  ephemeralKey: Bytes(32),
  iv: Bytes(12),
  tag: Bytes(16),
  wrappedKey: z.base64(),
})
export type Wrap = z.infer<typeof Wrap>

export function wrapInfo(slotId: string, generation: number): Buffer {
  return Buffer.from(JSON.stringify(['concord-wrap-v2', slotId, generation]), 'utf8')
}

function wrappingKey(
  privateKey: KeyObject,
  publicKey: KeyObject,
  salt: Buffer,
  info: Buffer,
): Buffer {
  const shared = diffieHellman({ privateKey, publicKey })
  try {
    return Buffer.from(hkdfSync('sha256', shared, salt, info, 32))
  } finally {
    shared.fill(0)
  }
}

export function wrapForSlot(
  caseBaseKey: Buffer,
  slot: Pick<Slot, 'id' | 'publicKey'>,
  generation: number,
): Wrap {
  const ephemeral = generateKeyPairSync('x25519')
  const ephemeralRaw = rawPublicKey(ephemeral.publicKey)
  const slotRaw = Buffer.from(slot.publicKey, 'base64')
  const info = wrapInfo(slot.id, generation)
  const kek = wrappingKey(
    ephemeral.privateKey,
    importPublicKey(slotRaw),
    Buffer.concat([ephemeralRaw, slotRaw]),
    info,
  )
  const iv = randomBytes(12)
  try {
    const cipher = createCipheriv('aes-256-gcm', kek, iv)
    cipher.setAAD(info)
    const wrapped = Buffer.concat([cipher.update(caseBaseKey), cipher.final()])
    return {
      slot: slot.id,
      ephemeralKey: ephemeralRaw.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      wrappedKey: wrapped.toString('base64'),
    }
  } finally {
    kek.fill(0)
  }
}

/** The 32-byte case-base key, or null when the wrap was altered or belongs elsewhere. */
export function unwrapForSlot(
  privateKey: KeyObject,
  slot: Pick<Slot, 'id' | 'publicKey'>,
  wrap: Wrap,
  generation: number,
): Buffer | null {
  let kek: Buffer | null = null
  try {
    const ephemeralRaw = Buffer.from(wrap.ephemeralKey, 'base64')
    const info = wrapInfo(slot.id, generation)
    kek = wrappingKey(
      privateKey,
      importPublicKey(ephemeralRaw),
      Buffer.concat([ephemeralRaw, Buffer.from(slot.publicKey, 'base64')]),
      info,
    )
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrap.iv, 'base64'))
    decipher.setAAD(info)
    decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'))
    const key = Buffer.concat([
      decipher.update(Buffer.from(wrap.wrappedKey, 'base64')),
      decipher.final(),
    ])
    return key.length === 32 ? key : null
  } catch {
    return null
  } finally {
    kek?.fill(0)
  }
}
