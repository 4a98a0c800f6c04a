import { describe, expect, it } from 'vitest'
import { domainLabelKeys } from '../../../src/shared/domain/labels'

describe('domainLabelKeys', () => {
  const keys = domainLabelKeys()

  it('lists each key once, sorted, as dotted camelCase paths', () => {
    expect(new Set(keys).size).toBe(keys.length)
    expect([...keys].sort()).toEqual(keys)
    for (const key of keys) expect(key).toMatch(/^[a-z][A-Za-z]*(\.[a-z][A-Za-z0-9]*)+$/)
  })

  it.each([
    'workflow.category.petition',
    'workflow.stage.judicialConfirmation',
    'workflow.action.reopen',
    'workflow.field.personalStatusMatter',
    'workflow.document.riskAssessment',
    'workflow.clock.petitionHandling',
    'workflow.event.petitionAccepted',
    'workflow.obligor.court',
    'workflow.problem.needsOtherRoutesNotice',
    'workflow.clockProblem.extensionTooLong',
    'holiday.springFestival',
    'holiday.adminHoliday',
    'vote.matter.raiseMaintenanceFund',
    'validation.residentId.checksum',
    'validation.vote.moreThanTotal',
  ])('includes %s', (key) => {
    expect(keys).toContain(key)
  })

  it('no key is a prefix of another, so each can be a leaf of the locale tree', () => {
    for (const key of keys)
      expect(
        keys.some((other) => other.startsWith(`${key}.`)),
        key,
      ).toBe(false)
  })
})
