import { scrypt } from 'node:crypto'
import { z } from 'zod'

/**
 * scrypt cost per slot. N = 2^17, r = 8 (128 MiB, about half a second here) is the default;
 * tests pass a cheaper cost. Bounds refuse a tampered keyring that asks for a huge N to make
 * unlocking exhaust memory.
 */
export const ScryptCost = z.object({
  N: z
    .number()
    .int()
    .min(2 ** 12)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'power of two'),
  r: z.number().int().min(8).max(16),
  p: z.number().int().min(1).max(4),
})
export type ScryptCost = z.infer<typeof ScryptCost>

export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 }

export const KdfParams = ScryptCost.extend({
  name: z.literal('scrypt'),
  salt: z.base64(),
  keyLength: z.literal(32),
})
export type KdfParams = z.infer<typeof KdfParams>

/** Passwords are NFC-normalized so the same Chinese text typed through different IMEs derives the same key. */
export function deriveKey(secret: string, params: KdfParams): Promise<Buffer> {
  const { N, r, p } = params
  return new Promise((resolve, reject) => {
    scrypt(
      secret.normalize('NFC'),
      Buffer.from(params.salt, 'base64'),
      params.keyLength,
      { N, r, p, maxmem: 256 * N * r },
      (error, key) => (error ? reject(error) : resolve(key)),
    )
  })
}
