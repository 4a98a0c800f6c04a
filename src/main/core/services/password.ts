import { passwordProblems } from '../../../shared/password-policy'
import type { CoreContext } from '../context'
import { createSlot } from '../crypto/slot'
import {
  loginHash,
  readKeyring,
  userSlot,
  withoutSlot,
  withSlot,
  writeKeyring,
} from '../db/keyring'
import { CoreError } from '../errors'

/** `path` names the password's field in the request, for the form to mark. */
export function enforcePasswordPolicy(
  ctx: CoreContext,
  password: string,
  login: string,
  path = 'password',
): void {
  const problems = passwordProblems(password, login)
  if (problems.length === 0) return
  throw new CoreError(
    'PASSWORD_POLICY',
    { rules: problems.map((rule) => ctx.i18n.t(`passwordRule.${rule}`)).join('；') },
    problems.map((rule) => ({ path, rule })),
  )
}

/**
 * Gives `login` a fresh slot for `password` (new key pair, salt and IV) with the open case
 * base's key wrapped to it, replacing any slot it had.
 */
export async function setUserSlot(
  ctx: CoreContext,
  login: string,
  password: string,
): Promise<void> {
  const keyring = readKeyring(ctx.paths.keyring)
  const slot = await createSlot(
    password,
    { kind: 'user', loginHash: loginHash(keyring, login) },
    ctx.cost,
    ctx.now(),
  )
  const old = userSlot(keyring, login)?.id ?? null
  writeKeyring(ctx.paths.keyring, withSlot(keyring, slot, ctx.vault.key(), old))
}

/** Removes `login`'s slot and its wraps: the password opens nothing any more. */
export function removeUserSlot(ctx: CoreContext, login: string): void {
  const keyring = readKeyring(ctx.paths.keyring)
  const slot = userSlot(keyring, login)
  if (slot) writeKeyring(ctx.paths.keyring, withoutSlot(keyring, slot.id))
}
