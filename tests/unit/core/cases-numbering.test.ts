import { describe, expect, it } from 'vitest'
import { formatCaseNumber } from '../../../src/main/core/cases/number'
import type { Core } from '../../../src/main/core/router'
import { call, eachTestWithStaff, type Staff } from '../../support/core'
import { caseInput } from './case-fixtures'

let core: Core
let staff: Staff
eachTestWithStaff({}, (env) => ({ core, staff } = env))

describe('case numbers', () => {
  it('count per category and per year of acceptance', async () => {
    const numbers = []
    for (const [category, acceptedAt] of [
      ['family', '2026-03-02'],
      ['family', '2026-03-03'],
      ['petition', '2026-03-03'],
      ['family', '2025-12-31'],
      ['expropriation', '2026-01-01'],
      ['owners', '2026-01-01'],
    ] as const) {
      numbers.push(
        (await call(core, 'cases.create', caseInput(category, staff, { acceptedAt }))).number,
      )
    }
    expect(numbers).toEqual([
      '〔2026〕家调字第0001号',
      '〔2026〕家调字第0002号',
      '〔2026〕访调字第0001号',
      '〔2025〕家调字第0001号',
      '〔2026〕拆调字第0001号',
      '〔2026〕物调字第0001号',
    ])
  })

  it('follow the organization’s pattern', () => {
    expect(
      formatCaseNumber('沪黄{abbr}〔{year}〕{seq}', { year: 2026, category: 'owners', seq: 12 }),
    ).toBe('沪黄物〔2026〕0012')
    expect(formatCaseNumber('{year}-{seq}', { year: 2026, category: 'family', seq: 12345 })).toBe(
      '2026-12345',
    )
  })
})
