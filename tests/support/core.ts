import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/contract'
import type { AppError } from '../../src/shared/errors'
import { createCore, type Core, type CoreOptions } from '../../src/main/core/router'

/** The cheapest scrypt the keyring accepts: real crypto, fast tests. */
export const TEST_SCRYPT_COST = { N: 2 ** 12, r: 8, p: 1 }

export const ORG_NAME = '浦江测试人民调解委员会'
export const ADMIN = { displayName: '欧阳明远', login: 'ouyang', password: 'Qingshan-Lu-2026' }

export function tempDir(prefix = 'concord-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export function testCore(dataDir: string, options: Partial<CoreOptions> = {}): Core {
  return createCore({ dataDir, scryptCost: TEST_SCRYPT_COST, ...options })
}

export async function call<C extends Channel>(
  core: Core,
  channel: C,
  ...payload: undefined extends ChannelInput<C> ? [ChannelInput<C>?] : [ChannelInput<C>]
): Promise<ChannelOutput<C>> {
  const result = await core.handle({ channel, payload: payload[0] })
  if (!result.ok) throw Object.assign(new Error(result.error.code), { appError: result.error })
  return result.value as ChannelOutput<C>
}

/** Calls a channel that is expected to fail and returns its error. */
export async function refusal(core: Core, channel: string, payload?: unknown): Promise<AppError> {
  const result = await core.handle({ channel, payload })
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`)
  return result.error
}

/** First-run setup through the contract, as the setup screen does it. Returns the recovery code. */
export async function setUp(core: Core): Promise<string> {
  const { recoveryCode, confirmGroups } = await call(core, 'setup.begin', {
    orgName: ORG_NAME,
    orgCapacity: 'people_mediation_committee',
    admin: ADMIN,
  })
  const groups = recoveryCode.split('-')
  const [first, second] = confirmGroups
  await call(core, 'setup.complete', { confirmation: [groups[first] ?? '', groups[second] ?? ''] })
  return recoveryCode
}
