import { passwordProblems } from '../../../shared/password-policy'
import type { CoreContext } from '../context'
import type { CaseBase } from '../db/open'
import { createSlot } from '../crypto/slot'
import {
  isLegacy,
  loginHash,
  readKeyring,
  userSlot,
  withoutSlot,
  withSlot,
  withUpgradedSlot,
  writeKeyring,
  type AnySlot,
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

/**
 * After the secret of a format-1 slot opened the case base with `key`: the slot is replaced
 * by a format-2 slot for the same secret, so that key rotation can include it.
 */
export async function upgradeLegacySlot(
  ctx: CoreContext,
  slot: AnySlot,
  secret: string,
  key: Buffer,
): Promise<void> {
  if (!isLegacy(slot)) return
  const fresh = await createSlot(
    secret,
    { kind: slot.kind, loginHash: slot.loginHash },
    ctx.cost,
    ctx.now(),
  )
  const keyring = readKeyring(ctx.paths.keyring)
  writeKeyring(ctx.paths.keyring, withUpgradedSlot(keyring, slot, fresh, key, ctx.now()))
}

/**
 * Format-1 slots of accounts disabled before format 2 existed (disabling then left the slot):
 * removed, since nothing may open through them and they would hold key rotation back.
 */
export async function dropDisabledLegacySlots(ctx: CoreContext, caseBase: CaseBase): Promise<void> {
  const keyring = readKeyring(ctx.paths.keyring)
  if (!keyring.legacySlots) return
  const disabled = await caseBase.db
    .selectFrom('user')
    .select('login')
    .where('disabledAt', 'is not', null)
    .execute()
  const hashes = new Set(disabled.map((row) => loginHash(keyring, row.login)))
  const doomed = keyring.legacySlots.filter(
    (slot) => slot.kind === 'user' && slot.loginHash !== null && hashes.has(slot.loginHash),
  )
  if (doomed.length === 0) return
  writeKeyring(
    ctx.paths.keyring,
    doomed.reduce((ring, slot) => withoutSlot(ring, slot.id), keyring),
  )
}
