import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS, contract, type Channel } from '../../src/shared/contract'
import { Role } from '../../src/shared/schemas/account'
import { checkAccess } from '../../src/main/core/router'
import type { CoreContext } from '../../src/main/core/context'
import { Vault, type SessionUser } from '../../src/main/core/vault'
import type { CaseBase } from '../../src/main/core/db/open'
import { ACCESS } from '../support/access'
import { call, refusal, setUp, tempDir, testCore } from '../support/core'
import type { Core } from '../../src/main/core/router'

/**
 * Who may call what, from the one hand-written table (tests/support/access.ts) that the
 * access-matrix test also runs against the real core: loosening a rule makes both fail.
 */
const EXPECTED: Record<Channel, 'anyone' | 'recovery' | readonly Role[]> = Object.fromEntries(
  Object.entries(ACCESS).map(([channel, rule]) => [
    channel,
    typeof rule === 'string' ? rule : Role.options.filter((role) => rule[role] !== 'deny'),
  ]),
) as Record<Channel, 'anyone' | 'recovery' | readonly Role[]>

type Caller = 'locked' | 'recovery' | Role | `${Role}-mustChangePassword`
const CALLERS: Caller[] = [
  'locked',
  'recovery',
  ...Role.options,
  ...Role.options.map((r) => `${r}-mustChangePassword` as const),
]

async function contextFor(caller: Caller): Promise<CoreContext> {
  const vault = new Vault()
  const fakeCaseBase = { close: async () => undefined } as unknown as CaseBase
  if (caller !== 'locked') {
    const [role, flag] = caller === 'recovery' ? [null, null] : caller.split('-')
    const user: SessionUser | null = role
      ? {
          id: 'u1',
          login: 'user',
          displayName: 'U',
          role: role as Role,
          mustChangePassword: flag !== undefined,
        }
      : null
    await vault.open(fakeCaseBase, Buffer.alloc(32), user)
  }
  return { vault } as CoreContext
}

function expectedOutcome(channel: Channel, caller: Caller): string {
  const rule = EXPECTED[channel]
  if (rule === 'anyone') return 'allow'
  if (rule === 'recovery') return caller === 'recovery' ? 'allow' : 'NOT_AUTHENTICATED'
  if (caller === 'locked' || caller === 'recovery') return 'NOT_AUTHENTICATED'
  const [role, flag] = caller.split('-') as [Role, string | undefined]
  if (!rule.includes(role)) return 'FORBIDDEN'
  if (flag && channel !== 'auth.changePassword') return 'PASSWORD_CHANGE_REQUIRED'
  return 'allow'
}

describe('the IPC contract', () => {
  it('lists exactly the channels this table knows (a new channel needs a rule here)', () => {
    expect([...CHANNELS].sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it('gives every channel an input schema, an output schema and a valid access rule', () => {
    for (const channel of CHANNELS) {
      const def = contract[channel]
      expect(def.input, channel).toBeDefined()
      expect(def.output, channel).toBeDefined()
      expect(['anyone', 'recovery', 'roles'], channel).toContain(def.access.kind)
      if (def.access.kind === 'roles') {
        expect(def.access.roles.length, channel).toBeGreaterThan(0)
        for (const role of def.access.roles) expect(Role.options, channel).toContain(role)
      }
    }
  })

  const matrix = CHANNELS.flatMap((channel) =>
    CALLERS.map((caller) => [channel, caller, expectedOutcome(channel, caller)] as const),
  )
  it.each(matrix)('%s called by %s → %s', async (channel, caller, expected) => {
    const ctx = await contextFor(caller)
    let outcome = 'allow'
    try {
      checkAccess(ctx, channel, contract[channel].access)
    } catch (error) {
      outcome = (error as { code: string }).code
    }
    expect(outcome).toBe(expected)
  })
})

describe('the router', () => {
  const data = tempDir()
  let core: Core
  beforeAll(async () => {
    core = testCore(data.dir)
    await setUp(core)
  })
  afterAll(async () => {
    await core.close()
    data.remove()
  })

  it.each([
    ['unknown channel', { channel: 'db.exec', payload: 'DROP TABLE user' }],
    ['prototype key as channel', { channel: '__proto__' }],
    ['constructor as channel', { channel: 'constructor' }],
    ['toString as channel', { channel: 'toString' }],
    ['non-string channel', { channel: 42 }],
    ['missing channel', {}],
  ])('refuses %s with UNKNOWN_CHANNEL', async (_name, request) => {
    const result = await core.handle(request as { channel: unknown })
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
  })

  it.each([
    ['a string instead of an object', 'settings.update', 'idleLockMinutes=5'],
    ['a wrong type', 'settings.update', { idleLockMinutes: '5' }],
    ['out of range', 'settings.update', { idleLockMinutes: 100000 }],
    ['an empty patch', 'settings.update', {}],
    ['a huge string', 'settings.update', { orgName: '调'.repeat(1_000_000) }],
    ['null', 'auth.unlock', null],
    ['an array', 'auth.unlock', ['admin', 'pw']],
    ['an invalid login', 'auth.unlock', { login: "admin' OR 1=1 --", password: 'x' }],
    ['a payload on a no-argument channel', 'settings.get', { anything: true }],
  ])(
    'refuses %s with VALIDATION and names the field, not the value',
    async (_name, channel, payload) => {
      const error = await refusal(core, channel, payload)
      expect(error.code).toBe('VALIDATION')
      expect(error.message).toBe('输入内容不符合要求，请检查后重试。')
      expect(JSON.stringify(error)).not.toContain('OR 1=1')
      expect(JSON.stringify(error)).not.toContain('调调调')
    },
  )

  it('strips prototype-pollution keys and unknown fields instead of passing them on', async () => {
    const payload = JSON.parse(
      '{"idleLockMinutes": 7, "__proto__": {"polluted": true}, "extra": 1}',
    )
    const settings = await call(core, 'settings.update', payload)
    expect(settings.idleLockMinutes).toBe(7)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('never returns fields the contract does not declare', async () => {
    const status = await call(core, 'app.status')
    expect(Object.keys(status).sort()).toEqual(['language', 'session', 'state'])
    expect(Object.keys(status.session ?? {}).sort()).toEqual([
      'idleLockMinutes',
      'mustChangePassword',
      'orgName',
      'user',
    ])
  })
})
