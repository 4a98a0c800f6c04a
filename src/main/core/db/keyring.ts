import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomic } from '../atomic-file'
import { LegacySlot, openLegacySlot } from '../crypto/legacy-slot'
import { openSlot, Slot } from '../crypto/slot'
import { unwrapForSlot, Wrap, wrapForSlot } from '../crypto/wrap'
import { CoreError } from '../errors'

/**
 * One generation of the case-base key: wrapped once per slot. `check` lets a holder of the
 * key tell which generation it is without opening the case base.
 */
export const KeyGeneration = z.object({
  generation: z.int().min(1),
  check: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
  wraps: z.array(Wrap),
})
export type KeyGeneration = z.infer<typeof KeyGeneration>

/**
 * keyring.json, beside the case base (format in docs/security.md): one slot per user that can
 * unlock plus one recovery slot, and the case-base key wrapped to every slot. Normally one
 * key generation; two only while a key rotation is under way or was interrupted, and the
 * next unlock keeps whichever opens the case base. Logins are stored only as HMAC-SHA256
 * under a per-keyring salt, so the file names nobody.
 */
export const Keyring = z
  .object({
    format: z.literal('concord-keyring'),
    version: z.literal(2),
    loginSalt: z.base64(),
    slots: z.array(Slot),
    keys: z.array(KeyGeneration).max(4),
    /** Format-1 slots not yet replaced (crypto/legacy-slot.ts). */
    legacySlots: z.array(LegacySlot).min(1).optional(),
  })
  .refine(
    (ring) => new Set(ring.keys.map((k) => k.generation)).size === ring.keys.length,
    'generations are unique',
  )
  .refine((ring) => ring.keys.length > 0 || ring.legacySlots, 'a key generation')
export type Keyring = z.infer<typeof Keyring>

/** Format 1, written by the first release: slots only, each wrapping the key directly. */
const KeyringV1 = z.object({
  format: z.literal('concord-keyring'),
  version: z.literal(1),
  loginSalt: z.base64(),
  slots: z.array(LegacySlot).min(1),
})

export type AnySlot = Slot | LegacySlot

export const isLegacy = (slot: AnySlot): slot is LegacySlot => 'wrappedKey' in slot

/** A case-base key a slot unwrapped, with its generation; newest first in lists. */
export interface KeyCandidate {
  generation: number
  key: Buffer
}

export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('concord-key-check-v2').digest('hex')
}

/** A keyring for a new case base: no slots yet, generation 1 of `key`. */
export function newKeyring(key: Buffer, now: Date): Keyring {
  return {
    format: 'concord-keyring',
    version: 2,
    loginSalt: randomBytes(16).toString('base64'),
    slots: [],
    keys: [{ generation: 1, check: keyCheck(key), createdAt: now.toISOString(), wraps: [] }],
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
    const json: unknown = JSON.parse(text)
    const v1 = KeyringV1.safeParse(json)
    if (!v1.success) return Keyring.parse(json)
    // Read as format 2 with every slot still to be replaced; written back at the first unlock.
    const { loginSalt, slots } = v1.data
    return {
      format: 'concord-keyring',
      version: 2,
      loginSalt,
      slots: [],
      keys: [],
      legacySlots: slots,
    }
  } catch {
    throw new CoreError('KEYRING_CORRUPT')
  }
}

export function writeKeyring(file: string, keyring: Keyring): void {
  writeFileAtomic(file, `${JSON.stringify(Keyring.parse(keyring), null, 2)}\n`)
}

const allSlots = (keyring: Keyring): AnySlot[] => [...keyring.slots, ...(keyring.legacySlots ?? [])]

export function userSlot(keyring: Keyring, login: string): AnySlot | undefined {
  const hash = loginHash(keyring, login)
  return allSlots(keyring).find((slot) => slot.kind === 'user' && slot.loginHash === hash)
}

export function recoverySlot(keyring: Keyring): AnySlot | undefined {
  return allSlots(keyring).find((slot) => slot.kind === 'recovery')
}

/** Whether `secret` opens the slot, without unwrapping any case-base key. */
export async function slotOpens(slot: AnySlot, secret: string): Promise<true | null> {
  const opened = isLegacy(slot) ? await openLegacySlot(slot, secret) : await openSlot(slot, secret)
  if (Buffer.isBuffer(opened)) opened.fill(0)
  return opened ? true : null
}

/** Newest first: the order in which unlocking tries them. */
const newestFirst = (keyring: Keyring) =>
  [...keyring.keys].sort((a, b) => b.generation - a.generation)

/**
 * The case-base keys `secret` unwraps through `slot`, newest generation first, or null when
 * the secret is wrong or the slot was altered. Usually one key; two after an interrupted
 * rotation, when the caller keeps the one that opens the case base. The secret is a password
 * as typed (NFC-normalized here) or an already normalized recovery code.
 */
export async function caseBaseKeyCandidates(
  keyring: Keyring,
  slot: AnySlot,
  secret: string,
): Promise<KeyCandidate[] | null> {
  if (isLegacy(slot)) return legacyCandidates(keyring, slot, secret)
  const privateKey = await openSlot(slot, secret)
  if (!privateKey) return null
  const candidates: KeyCandidate[] = []
  for (const { generation, check, wraps } of newestFirst(keyring)) {
    const wrap = wraps.find((w) => w.slot === slot.id)
    const key = wrap ? unwrapForSlot(privateKey, slot, wrap, generation) : null
    if (!key) continue
    // A wrap of some other key than the generation's is as good as altered.
    if (timingSafeEqual(Buffer.from(keyCheck(key)), Buffer.from(check))) {
      candidates.push({ generation, key })
    } else {
      key.fill(0)
    }
  }
  return candidates.length > 0 ? candidates : null
}

async function legacyCandidates(
  keyring: Keyring,
  slot: LegacySlot,
  secret: string,
): Promise<KeyCandidate[] | null> {
  const key = await openLegacySlot(slot, secret)
  if (!key) return null
  // Before the first unlock of a format-1 keyring there is no generation yet: it will be 1.
  if (keyring.keys.length === 0) return [{ generation: 1, key }]
  const found = keyring.keys.find((k) => k.check === keyCheck(key))
  if (found) return [{ generation: found.generation, key }]
  key.fill(0)
  return null
}

/**
 * Replaces a format-1 slot by a format-2 one for the same secret, once its secret opened the
 * case base with `key`; the first such unlock also records generation 1.
 */
export function withUpgradedSlot(
  keyring: Keyring,
  legacy: LegacySlot,
  slot: Slot,
  key: Buffer,
  now: Date,
): Keyring {
  const withGeneration: Keyring =
    keyring.keys.length > 0
      ? keyring
      : {
          ...keyring,
          keys: [{ generation: 1, check: keyCheck(key), createdAt: now.toISOString(), wraps: [] }],
        }
  return withSlot(withGeneration, slot, key, legacy.id)
}

/** The generation `key` belongs to; a key the keyring does not know is a bug, not user error. */
export function generationOf(keyring: Keyring, key: Buffer): KeyGeneration {
  const check = keyCheck(key)
  const found = keyring.keys.find((k) => k.check === check)
  if (!found) throw new CoreError('INTERNAL')
  return found
}

/**
 * Adds `slot` with the case-base key `key` wrapped to it, replacing the slot `replacing`
 * (a password change or reset) if given. Only the holder of the key can do this.
 */
export function withSlot(
  keyring: Keyring,
  slot: Slot,
  key: Buffer,
  replacing: string | null = null,
): Keyring {
  const target = generationOf(keyring, key).generation
  const without = replacing ? withoutSlot(keyring, replacing) : keyring
  return {
    ...without,
    slots: [...without.slots, slot],
    keys: without.keys.map((k) =>
      k.generation === target ? { ...k, wraps: [...k.wraps, wrapForSlot(key, slot, target)] } : k,
    ),
  }
}

/** Removes a slot and every wrap made for it: its secret opens nothing any more. */
export function withoutSlot(keyring: Keyring, slotId: string): Keyring {
  const { legacySlots, ...rest } = keyring
  const legacy = legacySlots?.filter((s) => s.id !== slotId) ?? []
  return {
    ...rest,
    slots: keyring.slots.filter((s) => s.id !== slotId),
    keys: keyring.keys.map((k) => ({ ...k, wraps: k.wraps.filter((w) => w.slot !== slotId) })),
    ...(legacy.length > 0 ? { legacySlots: legacy } : {}),
  }
}

/** A new key generation wrapped to every slot, next to the existing ones. */
export function withNewGeneration(keyring: Keyring, key: Buffer, now: Date): Keyring {
  const generation = Math.max(...keyring.keys.map((k) => k.generation)) + 1
  return {
    ...keyring,
    keys: [
      ...keyring.keys,
      {
        generation,
        check: keyCheck(key),
        createdAt: now.toISOString(),
        wraps: keyring.slots.map((slot) => wrapForSlot(key, slot, generation)),
      },
    ],
  }
}

/** Keeps only the generation of `key`: the one that opens the case base. */
export function keepOnlyGenerationOf(keyring: Keyring, key: Buffer): Keyring {
  const kept = generationOf(keyring, key)
  return { ...keyring, keys: [kept] }
}
