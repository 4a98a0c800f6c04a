import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSlot, openSlot, rawPublicKey, type Slot } from '../../../src/main/core/crypto/slot'
import { wrapForSlot, type Wrap } from '../../../src/main/core/crypto/wrap'
import {
  caseBaseKeyCandidates,
  loginHash,
  newKeyring,
  readKeyring,
  withNewGeneration,
  withoutSlot,
  withSlot,
  writeKeyring,
  type Keyring,
} from '../../../src/main/core/db/keyring'
import { tempDir, TEST_SCRYPT_COST } from '../../support/core'

const caseBaseKey = randomBytes(32)
const password = 'Songjiang-Road-12'
const created = new Date('2026-11-25T01:00:00Z')
const empty = newKeyring(caseBaseKey, created)
const slot = await createSlot(
  password,
  { kind: 'user', loginHash: loginHash(empty, 'lijuan') },
  TEST_SCRYPT_COST,
  created,
)
const keyring = withSlot(empty, slot, caseBaseKey)

const flipBase64 = (value: string) => {
  const bytes = Buffer.from(value, 'base64')
  bytes[0]! ^= 0x01
  return bytes.toString('base64')
}

const keysOf = async (ring: Keyring, s: Slot, secret: string) =>
  (await caseBaseKeyCandidates(ring, s, secret))?.map((c) => c.key.toString('hex')) ?? null

describe('key slots', () => {
  it('open the private key with the right password only', async () => {
    expect(await openSlot(slot, password)).not.toBeNull()
    expect(await openSlot(slot, 'Songjiang-Road-13')).toBeNull()
    expect(await openSlot(slot, '')).toBeNull()
  })

  it('unwrap the case-base key through the slot', async () => {
    expect(await keysOf(keyring, slot, password)).toEqual([caseBaseKey.toString('hex')])
    expect(await keysOf(keyring, slot, 'Songjiang-Road-13')).toBeNull()
  })

  it('normalizes passwords to NFC (the same Chinese text from different input methods)', async () => {
    const composed = await createSlot(
      'café-Pudong-1',
      { kind: 'recovery', loginHash: null },
      TEST_SCRYPT_COST,
      new Date(),
    )
    expect(await openSlot(composed, 'cafe\u0301-Pudong-1')).not.toBeNull()
  })

  const otherPublicKey = rawPublicKey(generateKeyPairSync('x25519').publicKey).toString('base64')
  const tampered: [string, (s: Slot) => Slot][] = [
    ['private key bit', (s) => ({ ...s, privateKey: flipBase64(s.privateKey) })],
    ['GCM tag bit', (s) => ({ ...s, cipher: { ...s.cipher, tag: flipBase64(s.cipher.tag) } })],
    ['IV bit', (s) => ({ ...s, cipher: { ...s.cipher, iv: flipBase64(s.cipher.iv) } })],
    ['salt bit', (s) => ({ ...s, kdf: { ...s.kdf, salt: flipBase64(s.kdf.salt) } })],
    ['scrypt N lowered', (s) => ({ ...s, kdf: { ...s.kdf, N: s.kdf.N / 2 } })],
    ['scrypt r raised', (s) => ({ ...s, kdf: { ...s.kdf, r: 9 } })],
    ['slot moved to another login', (s) => ({ ...s, loginHash: loginHash(keyring, 'zhangwei') })],
    ['user slot relabelled recovery', (s) => ({ ...s, kind: 'recovery' as const })],
    ['slot id changed', (s) => ({ ...s, id: '00000000-0000-4000-8000-000000000000' })],
    ['public key swapped', (s) => ({ ...s, publicKey: otherPublicKey })],
    [
      'private key truncated',
      (s) => ({
        ...s,
        privateKey: Buffer.from(s.privateKey, 'base64').subarray(0, 16).toString('base64'),
      }),
    ],
  ]
  it.each(tampered)('refuse a tampered slot: %s', async (_name, tamper) => {
    expect(await openSlot(tamper(slot), password)).toBeNull()
  })
})

describe('wrapped case-base keys', () => {
  const wrapOf = (ring: Keyring) => ring.keys[0]!.wraps[0]!
  const withWrap = (change: (w: Wrap) => Wrap): Keyring => ({
    ...keyring,
    keys: [{ ...keyring.keys[0]!, wraps: [change(wrapOf(keyring))] }],
  })

  const tampered: [string, () => Keyring][] = [
    ['wrapped key bit', () => withWrap((w) => ({ ...w, wrappedKey: flipBase64(w.wrappedKey) }))],
    ['tag bit', () => withWrap((w) => ({ ...w, tag: flipBase64(w.tag) }))],
    [
      'ephemeral key bit',
      () => withWrap((w) => ({ ...w, ephemeralKey: flipBase64(w.ephemeralKey) })),
    ],
    [
      'wrap relabelled as another generation',
      () => ({ ...keyring, keys: [{ ...keyring.keys[0]!, generation: 2 }] }),
    ],
    [
      'key check of another key',
      () => ({
        ...keyring,
        keys: [{ ...keyring.keys[0]!, check: newKeyring(randomBytes(32), created).keys[0]!.check }],
      }),
    ],
    [
      // Anyone can wrap a key to a public key; the check ties it to the generation.
      'another key wrapped to the slot',
      () => withWrap(() => wrapForSlot(randomBytes(32), slot, 1)),
    ],
  ]
  it.each(tampered)('refuse a tampered wrap: %s', async (_name, tamper) => {
    expect(await keysOf(tamper(), slot, password)).toBeNull()
  })

  it('refuse a wrap moved to another slot', async () => {
    const other = await createSlot(
      'Minhang-Lu-77',
      { kind: 'user', loginHash: loginHash(keyring, 'zhangwei') },
      TEST_SCRYPT_COST,
      created,
    )
    const moved: Keyring = {
      ...keyring,
      slots: [slot, other],
      keys: [{ ...keyring.keys[0]!, wraps: [{ ...wrapOf(keyring), slot: other.id }] }],
    }
    expect(await keysOf(moved, other, 'Minhang-Lu-77')).toBeNull()
  })

  it('let the holder of the key add a slot without anyone else’s password, and remove it', async () => {
    const added = await createSlot(
      'Minhang-Lu-77',
      { kind: 'user', loginHash: loginHash(keyring, 'zhangwei') },
      TEST_SCRYPT_COST,
      created,
    )
    const ring = withSlot(keyring, added, caseBaseKey)
    expect(await keysOf(ring, added, 'Minhang-Lu-77')).toEqual([caseBaseKey.toString('hex')])
    const removed = withoutSlot(ring, added.id)
    expect(removed.keys[0]!.wraps.map((w) => w.slot)).toEqual([slot.id])
    expect(await keysOf(removed, added, 'Minhang-Lu-77')).toBeNull()
  })

  it('offer both keys of an interrupted rotation, newest first', async () => {
    const next = randomBytes(32)
    const ring = withNewGeneration(keyring, next, created)
    expect(ring.keys.map((k) => k.generation)).toEqual([1, 2])
    expect(await keysOf(ring, slot, password)).toEqual([
      next.toString('hex'),
      caseBaseKey.toString('hex'),
    ])
  })
})

describe('keyring file', () => {
  const data = tempDir()
  const file = join(data.dir, 'keyring.json')

  it('round-trips and never contains the login in clear', () => {
    writeKeyring(file, keyring)
    const text = JSON.stringify(readKeyring(file))
    expect(text).not.toContain('lijuan')
    expect(readKeyring(file)).toEqual(keyring)
  })

  const corrupt: [string, string][] = [
    ['empty file', ''],
    ['not JSON', '{"format": "concord-keyring",'],
    ['wrong format tag', JSON.stringify({ ...keyring, format: 'other' })],
    ['version 1 (slots without key pairs)', JSON.stringify({ ...keyring, version: 1 })],
    ['future version', JSON.stringify({ ...keyring, version: 3 })],
    ['no key generation', JSON.stringify({ ...keyring, keys: [] })],
    [
      'the same generation twice',
      JSON.stringify({ ...keyring, keys: [keyring.keys[0], keyring.keys[0]] }),
    ],
    [
      'slot with huge scrypt N (memory bomb)',
      JSON.stringify({ ...keyring, slots: [{ ...slot, kdf: { ...slot.kdf, N: 2 ** 30 } }] }),
    ],
    [
      'slot with N not a power of two',
      JSON.stringify({ ...keyring, slots: [{ ...slot, kdf: { ...slot.kdf, N: 5000 } }] }),
    ],
    [
      'slot with other cipher',
      JSON.stringify({
        ...keyring,
        slots: [{ ...slot, cipher: { ...slot.cipher, name: 'aes-128-cbc' } }],
      }),
    ],
    [
      'public key of the wrong length',
      JSON.stringify({ ...keyring, slots: [{ ...slot, publicKey: 'AAAA' }] }),
    ],
    ['prototype pollution', '{"__proto__": {"slots": []}, "format": "concord-keyring"}'],
  ]
  it.each(corrupt)('refuses a corrupt keyring: %s', (_name, text) => {
    writeFileSync(file, text)
    expect(() => readKeyring(file)).toThrowError(
      expect.objectContaining({ code: 'KEYRING_CORRUPT' }),
    )
  })

  it('reports a missing keyring', () => {
    expect(() => readKeyring(join(data.dir, 'absent.json'))).toThrowError(
      expect.objectContaining({ code: 'KEYRING_MISSING' }),
    )
    data.remove()
  })
})
