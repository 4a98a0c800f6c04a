import { describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import { call, eachTestWithStaff, refusal, type Staff } from '../../support/core'
import { caseInput, DETAILS, onCase } from './case-fixtures'

let core: Core
let staff: Staff
// 2026-03-10 10:00 in China.
eachTestWithStaff({ now: () => new Date('2026-03-10T02:00:00Z') }, (env) => ({ core, staff } = env))

const incident = (at: string, description = '争吵中推搡，女方手臂擦伤') => ({
  at,
  description,
  injuries: true,
  policeCalled: false,
  childrenWitnessed: false,
})

describe('family incident log', () => {
  it('saves the incidents through cases.update and reads them back in order', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
    const incidents = [
      { ...incident('2026-03-10T08:30'), childrenWitnessed: true, policeCalled: true },
      incident('2026-03-01'),
      incident('2025-12-31T23:59', '  深夜争吵，邻居报警  '),
    ]
    await c.write('cases.update', { patch: { details: { ...DETAILS.family, incidents } } })
    const file = await call(core, 'cases.get', { caseId: c.file.id })
    expect(file.details).toMatchObject({
      category: 'family',
      relationship: DETAILS.family.relationship,
    })
    expect(file.details.category === 'family' && file.details.incidents).toEqual([
      incidents[0],
      incidents[1],
      { ...incidents[2], description: '深夜争吵，邻居报警' },
    ])

    // Details are replaced whole: a form without the log clears it.
    await c.write('cases.update', { patch: { details: DETAILS.family } })
    const cleared = await call(core, 'cases.get', { caseId: c.file.id })
    expect(cleared.details).not.toHaveProperty('incidents')
  })

  it('refuses an incident dated after today, naming the entry', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
    const error = await c.refused('cases.update', {
      patch: {
        details: {
          ...DETAILS.family,
          incidents: [incident('2026-03-10T23:00'), incident('2026-03-11')],
        },
      },
    })
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'patch.details.incidents.1.at', rule: 'incidentInFuture' }],
    })
    expect((await call(core, 'cases.get', { caseId: c.file.id })).version).toBe(c.file.version)
  })

  it('refuses a future incident when the case is created', async () => {
    const error = await refusal(core, 'cases.create', {
      ...caseInput('family', staff),
      details: { ...DETAILS.family, incidents: [incident('2026-04-01T09:00')] },
    })
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'details.incidents.0.at', rule: 'incidentInFuture' }],
    })
  })

  it('refuses more than 200 incidents, an over-long description and a malformed date', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
    const many = Array.from({ length: 201 }, () => incident('2026-03-01'))
    for (const incidents of [
      many,
      [incident('2026-03-01', '打'.repeat(2001))],
      [incident('2026-03-01', '   ')],
      [incident('2026-02-30')],
      [incident('2026-03-01 08:00')],
    ]) {
      const error = await c.refused('cases.update', {
        patch: { details: { ...DETAILS.family, incidents } },
      })
      expect(error).toMatchObject({ code: 'VALIDATION' })
    }
    // 200 entries and 2000 characters are still fine.
    await c.write('cases.update', {
      patch: {
        details: {
          ...DETAILS.family,
          incidents: [...many.slice(2), incident('2026-03-01', '打'.repeat(2000))],
        },
      },
    })
    const file = await call(core, 'cases.get', { caseId: c.file.id })
    expect(file.details.category === 'family' && file.details.incidents?.length).toBe(200)
  })
})
