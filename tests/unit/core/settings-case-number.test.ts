import { describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import { ADMIN, call, eachTestWithStaff, refusal, signInAs, type Staff } from '../../support/core'
import { caseInput } from './case-fixtures'

let core: Core
let staff: Staff
eachTestWithStaff({ who: () => ADMIN.login }, (env) => ({ core, staff } = env))

describe('the case-number pattern setting', () => {
  it('reads the default and numbers new cases with a changed pattern', async () => {
    expect((await call(core, 'settings.get')).caseNumberPattern).toBe(
      '〔{year}〕{abbr}调字第{seq}号',
    )
    const saved = await call(core, 'settings.update', {
      caseNumberPattern: '  沪黄{abbr}〔{year}〕{seq}  ',
    })
    expect(saved.caseNumberPattern).toBe('沪黄{abbr}〔{year}〕{seq}')
    // Other settings stay as they were.
    expect(saved.idleLockMinutes).toBe(10)

    await signInAs(core, staff.mediator.login)
    expect((await call(core, 'settings.get')).caseNumberPattern).toBe('沪黄{abbr}〔{year}〕{seq}')
    const created = await call(core, 'cases.create', caseInput('owners', staff))
    expect(created.number).toBe('沪黄物〔2026〕0001')
  })

  it.each([
    ['〔{year}〕{abbr}调字第号', 'caseNumberPattern.seq'],
    ['{year}-{seq}-{seq}', 'caseNumberPattern.seq'],
    ['{abbr}调字第{seq}号', 'caseNumberPattern.year'],
    [`{year}{seq}${'字'.repeat(60)}`, 'too_big'],
  ])('refuses %s with VALIDATION naming the rule %s', async (pattern, rule) => {
    const error = await refusal(core, 'settings.update', { caseNumberPattern: pattern })
    expect(error.code).toBe('VALIDATION')
    expect(error.fields).toContainEqual({ path: 'caseNumberPattern', rule })
    expect((await call(core, 'settings.get')).caseNumberPattern).toBe(
      '〔{year}〕{abbr}调字第{seq}号',
    )
  })

  it('lets only an administrator change it', async () => {
    await signInAs(core, staff.supervisor.login)
    const error = await refusal(core, 'settings.update', { caseNumberPattern: '{year}-{seq}' })
    expect(error.code).toBe('FORBIDDEN')
  })
})
