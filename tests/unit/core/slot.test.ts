import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { unwrapKey, wrapKey, type Slot } from '../../../src/main/core/crypto/slot'
import { loginHash, newKeyring, readKeyring, writeKeyring } from '../../../src/main/core/db/keyring'
import { tempDir, TEST_SCRYPT_COST } from '../../support/core'

const caseBaseKey = randomBytes(32)
const password = 'Songjiang-Road-12'
const keyring = newKeyring()
const slot = await wrapKey(
  caseBaseKey,
  password,
  { kind: 'user', loginHash: loginHash(keyring, 'lijuan') },
  TEST_SCRYPT_COST,
  new Date('2026-11-25T01:00:00Z'),
)

const flipBase64 = (value: string) => {
  const bytes = Buffer.from(value, 'base64')
  bytes[0]! ^= 0x01
  return bytes.toString('base64')
}

describe('key slots', () => {
  it('unwrap the key with the right password only', async () => {
    expect((await unwrapKey(slot, password))?.equals(caseBaseKey)).toBe(true)
    expect(await unwrapKey(slot, 'Songjiang-Road-13')).toBeNull()
    expect(await unwrapKey(slot, '')).toBeNull()
  })

  it('normalizes passwords to NFC (the same Chinese text from different input methods)', async () => {
    const composed = await wrapKey(
      caseBaseKey,
      'café-Pudong-1',
      { kind: 'recovery', loginHash: null },
      TEST_SCRYPT_COST,
      new Date(),
    )
    expect((await unwrapKey(composed, 'cafe\u0301-Pudong-1'))?.equals(caseBaseKey)).toBe(true)
  })

  const tampered: [string, (s: Slot) => Slot][] = [
    ['wrapped key bit', (s) => ({ ...s, wrappedKey: flipBase64(s.wrappedKey) })],
    ['GCM tag bit', (s) => ({ ...s, cipher: { ...s.cipher, tag: flipBase64(s.cipher.tag) } })],
    ['IV bit', (s) => ({ ...s, cipher: { ...s.cipher, iv: flipBase64(s.cipher.iv) } })],
    ['salt bit', (s) => ({ ...s, kdf: { ...s.kdf, salt: flipBase64(s.kdf.salt) } })],
    ['scrypt N lowered', (s) => ({ ...s, kdf: { ...s.kdf, N: s.kdf.N / 2 } })],
    ['scrypt r raised', (s) => ({ ...s, kdf: { ...s.kdf, r: 9 } })],
    ['slot moved to another login', (s) => ({ ...s, loginHash: loginHash(keyring, 'zhangwei') })],
    ['user slot relabelled recovery', (s) => ({ ...s, kind: 'recovery' as const })],
    ['slot id changed', (s) => ({ ...s, id: '00000000-0000-4000-8000-000000000000' })],
    [
      'wrapped key truncated',
      (s) => ({
        ...s,
        wrappedKey: Buffer.from(s.wrappedKey, 'base64').subarray(0, 16).toString('base64'),
      }),
    ],
    [
      'slots swapped between keyrings',
      (s) => ({ ...s, wrappedKey: Buffer.alloc(32).toString('base64') }),
    ],
  ]
  it.each(tampered)('refuse a tampered slot: %s', async (_name, tamper) => {
    expect(await unwrapKey(tamper(slot), password)).toBeNull()
  })
})

describe('keyring file', () => {
  const data = tempDir()
  const file = join(data.dir, 'keyring.json')

  it('round-trips and never contains the login in clear', () => {
    writeKeyring(file, { ...keyring, slots: [slot] })
    const text = JSON.stringify(readKeyring(file))
    expect(text).not.toContain('lijuan')
    expect(readKeyring(file).slots).toEqual([slot])
  })

  const corrupt: [string, string][] = [
    ['empty file', ''],
    ['not JSON', '{"format": "concord-keyring",'],
    ['wrong format tag', JSON.stringify({ ...keyring, format: 'other' })],
    ['future version', JSON.stringify({ ...keyring, version: 2 })],
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
