import { randomBytes } from 'node:crypto'
import type { KeyRotation, RotationStep } from '../../../shared/schemas/account'
import type { CoreContext } from '../context'
import {
  generationOf,
  keepOnlyGenerationOf,
  readKeyring,
  withNewGeneration,
  writeKeyring,
} from '../db/keyring'
import { quickCheck, rekeyCaseBase, rekeyKeptCopies } from '../db/rekey'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { openWithKey, verifyPassword } from './auth'

/** Test hook: runs after each step, so a test can fail or kill the process right there. */
export type AfterStep = (step: RotationStep) => void | Promise<void>

/**
 * Replaces the case-base key (docs/security.md, "Rotating the key"), for instance after an
 * account was disabled whose holder may have kept a copy of the old keyring. Every step
 * leaves a case base that the next unlock opens: until the rekey commits the old key opens
 * it, afterwards the new one, and the keyring holds both generations until the end. On any
 * failure the case base is locked, and signing in again settles the rotation either way.
 */
export async function rotateCaseBaseKey(
  ctx: CoreContext,
  afterStep: AfterStep = () => undefined,
): Promise<KeyRotation> {
  const user = ctx.vault.user
  if (!user) throw new CoreError('NOT_AUTHENTICATED')
  // A format-1 slot cannot be rewrapped without its secret: rotating would lock it out.
  const legacy = readKeyring(ctx.paths.keyring).legacySlots ?? []
  if (legacy.length > 0) {
    throw new CoreError('KEY_ROTATION_LEGACY', {
      users: legacy.filter((slot) => slot.kind === 'user').length,
      recovery: legacy.filter((slot) => slot.kind === 'recovery').length,
    })
  }
  const oldKey = Buffer.from(ctx.vault.key())
  const newKey = randomBytes(32)
  const steps: KeyRotation['steps'] = []
  const step = async (name: RotationStep, work: () => void | Promise<void>) => {
    const started = performance.now()
    await work()
    steps.push({ step: name, ms: Math.round(performance.now() - started) })
    await afterStep(name)
  }
  try {
    let keyring = readKeyring(ctx.paths.keyring)
    const previous = generationOf(keyring, oldKey).generation
    await step('keyring', () => {
      keyring = withNewGeneration(keepOnlyGenerationOf(keyring, oldKey), newKey, ctx.now())
      writeKeyring(ctx.paths.keyring, keyring)
    })
    await step('rekey', () => rekeyCaseBase(ctx.vault.caseBase().sqlite, newKey))
    await step('verify', async () => {
      // A second connection keyed from scratch proves the new key opens the file on disk.
      const reopened = await openWithKey(ctx, newKey)
      if (!quickCheck(reopened.sqlite)) {
        await reopened.close()
        throw new CoreError('CASEBASE_CORRUPT')
      }
      await ctx.vault.open(reopened, Buffer.from(newKey), user)
    })
    await step('copies', () => rekeyKeptCopies(ctx.paths.safetyDir, [oldKey], newKey))
    await step('finish', () =>
      writeKeyring(ctx.paths.keyring, keepOnlyGenerationOf(keyring, newKey)),
    )
    return { generation: previous + 1, slots: keyring.slots.length, steps }
  } catch {
    await ctx.vault.close()
    ctx.org = null
    throw new CoreError('KEY_ROTATION_FAILED')
  } finally {
    oldKey.fill(0)
    newKey.fill(0)
  }
}

export const keyHandlers = {
  async 'keys.rotate'({ password }, ctx) {
    const user = ctx.vault.user
    if (!user) throw new CoreError('NOT_AUTHENTICATED')
    await verifyPassword(ctx, user.login, password)
    return rotateCaseBaseKey(ctx)
  },
} satisfies Partial<Handlers>
