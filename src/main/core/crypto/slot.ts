import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  type KeyObject,
} from 'node:crypto'
import { z } from 'zod'
import { deriveKey, KdfParams, type ScryptCost } from './kdf'

export const SlotKind = z.enum(['user', 'recovery'])

/** Base64 of exactly `length` bytes. */
export const Bytes = (length: number) =>
  z.base64().refine((text) => Buffer.from(text, 'base64').length === length, `${length} bytes`)

/**
 * One key slot (keyring v2): an X25519 key pair whose private half is encrypted with
 * AES-256-GCM under a key derived from a password or the recovery code. The case-base key is
 * wrapped to the public half (crypto/wrap.ts), so whoever holds the case-base key can give a
 * new slot access, or rotate the key for every slot, without anyone's password. The
 * additional authenticated data binds the private key to the slot's id, kind, login hash, KDF
 * parameters and public key, so editing any of them (lowering the scrypt cost, moving a slot
 * to another login, swapping the public key) makes the slot fail to open.
 */
export const Slot = z.object({
  id: z.uuid(),
  kind: SlotKind,
  loginHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  kdf: KdfParams,
  publicKey: Bytes(32),
  cipher: z.object({
    name: z.literal('aes-256-gcm'),
    iv: Bytes(12),
    tag: Bytes(16),
  }),
  privateKey: z.base64(),
  createdAt: z.iso.datetime(),
})
export type Slot = z.infer<typeof Slot>

export function slotAad(
  slot: Pick<Slot, 'id' | 'kind' | 'loginHash' | 'kdf' | 'publicKey'>,
): Buffer {
  const { name, N, r, p, salt, keyLength } = slot.kdf
  return Buffer.from(
    JSON.stringify([
      'concord-slot-v2',
      slot.id,
      slot.kind,
      slot.loginHash,
      name,
      N,
      r,
      p,
      salt,
      keyLength,
      slot.publicKey,
    ]),
    'utf8',
  )
}

const base64url = (bytes: Buffer) => bytes.toString('base64url')

/** The raw 32-byte X25519 public key of `key` (public or private). */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' })
  return Buffer.from(jwk.x ?? '', 'base64url')
}

export function importPublicKey(raw: Buffer): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: base64url(raw) },
    format: 'jwk',
  })
}

export async function createSlot(
  secret: string,
  meta: { kind: Slot['kind']; loginHash: string | null },
  cost: ScryptCost,
  now: Date,
): Promise<Slot> {
  const pair = generateKeyPairSync('x25519')
  const jwk = pair.privateKey.export({ format: 'jwk' })
  const privateRaw = Buffer.from(jwk.d ?? '', 'base64url')
  const kdf: KdfParams = {
    name: 'scrypt',
    ...cost,
    salt: randomBytes(16).toString('base64'),
    keyLength: 32,
  }
  const header = {
    id: randomUUID(),
    kind: meta.kind,
    loginHash: meta.loginHash,
    kdf,
    publicKey: rawPublicKey(pair.publicKey).toString('base64'),
  }
  const kek = await deriveKey(secret, kdf)
  const iv = randomBytes(12)
  try {
    const cipher = createCipheriv('aes-256-gcm', kek, iv)
    cipher.setAAD(slotAad(header))
    const encrypted = Buffer.concat([cipher.update(privateRaw), cipher.final()])
    return {
      ...header,
      cipher: {
        name: 'aes-256-gcm',
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
      },
      privateKey: encrypted.toString('base64'),
      createdAt: now.toISOString(),
    }
  } finally {
    kek.fill(0)
    privateRaw.fill(0)
  }
}

/**
 * The slot's private key, or null when the secret is wrong or the slot was altered. Also
 * checks that the private key belongs to the slot's public key.
 */
export async function openSlot(slot: Slot, secret: string): Promise<KeyObject | null> {
  const kek = await deriveKey(secret, slot.kdf)
  let raw: Buffer | null = null
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.cipher.iv, 'base64'))
    decipher.setAAD(slotAad(slot))
    decipher.setAuthTag(Buffer.from(slot.cipher.tag, 'base64'))
    raw = Buffer.concat([decipher.update(Buffer.from(slot.privateKey, 'base64')), decipher.final()])
    if (raw.length !== 32) return null
    const publicRaw = Buffer.from(slot.publicKey, 'base64')
    const privateKey = createPrivateKey({
      key: { kty: 'OKP', crv: 'X25519', d: base64url(raw), x: base64url(publicRaw) },
      format: 'jwk',
    })
    return rawPublicKey(privateKey).equals(publicRaw) ? privateKey : null
  } catch {
    return null
  } finally {
    kek.fill(0)
    raw?.fill(0)
  }
}
