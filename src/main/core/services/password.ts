import { passwordProblems } from '../../../shared/password-policy'
import type { CoreContext } from '../context'
import { wrapKey } from '../crypto/slot'
import { loginHash, readKeyring, replaceSlot, userSlot, writeKeyring } from '../db/keyring'
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

/** Gives `login` a fresh slot for `password`, replacing any slot it had. */
export async function setUserSlot(
  ctx: CoreContext,
  login: string,
  password: string,
): Promise<void> {
  const keyring = readKeyring(ctx.paths.keyring)
  const slot = await wrapKey(
    ctx.vault.key(),
    password,
    { kind: 'user', loginHash: loginHash(keyring, login) },
    ctx.cost,
    ctx.now(),
  )
  writeKeyring(ctx.paths.keyring, replaceSlot(keyring, userSlot(keyring, login)?.id ?? null, slot))
}
