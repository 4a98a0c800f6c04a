import { describe, expect, it } from 'vitest'
import { officialCalendar } from '../../../src/shared/domain/holidays'
import { WORKFLOWS } from '../../../src/shared/domain/workflow'
import { clockDue, type ClockRun } from '../../../src/shared/domain/workflow/clocks'
import type { CaseCategory, Clock } from '../../../src/shared/domain/workflow/types'

const calendar = officialCalendar()

function clock(category: CaseCategory, id: string): Clock {
  const found = WORKFLOWS[category].clocks.find((c) => c.id === id)
  if (!found) throw new Error(`no clock ${id}`)
  return found
}

describe('clocks carry the periods of DESIGN.md §3 and cite their source', () => {
  it.each<[CaseCategory, string, number, Clock['unit'], string, boolean, number | undefined]>([
    ['petition', 'petitionRouting', 15, 'days', '信访工作条例（2022）第二十二条', false, undefined],
    ['petition', 'petitionAcceptanceNotice', 15, 'days', '第二十三条', false, undefined],
    ['petition', 'petitionHandling', 60, 'days', '第三十四条', true, 30],
    ['petition', 'petitionReviewRequest', 30, 'days', '第三十五条', false, undefined],
    ['petition', 'petitionReviewDecision', 30, 'days', '第三十五条', false, undefined],
    ['petition', 'petitionRecheckRequest', 30, 'days', '第三十六条', false, undefined],
    ['petition', 'petitionRecheckDecision', 30, 'days', '第三十六条', false, undefined],
    ['family', 'mandatoryReport', 0, 'hours', '反家庭暴力法第十四条', false, undefined],
    ['family', 'protectionOrderDecision', 72, 'hours', '反家庭暴力法第二十八条', false, undefined],
    [
      'family',
      'protectionOrderDecisionUrgent',
      24,
      'hours',
      '反家庭暴力法第二十八条',
      false,
      undefined,
    ],
    ['family', 'protectionOrderExpiry', 6, 'months', '反家庭暴力法第三十条', true, undefined],
    [
      'family',
      'protectionOrderReconsideration',
      5,
      'days',
      '反家庭暴力法第三十一条',
      false,
      undefined,
    ],
    [
      'expropriation',
      'valuationRecheckRequest',
      10,
      'days',
      '国有土地上房屋征收评估办法',
      false,
      undefined,
    ],
    [
      'expropriation',
      'valuationRecheck',
      10,
      'days',
      '国有土地上房屋征收评估办法',
      false,
      undefined,
    ],
    [
      'expropriation',
      'expertAppraisalRequest',
      10,
      'days',
      '国有土地上房屋征收评估办法',
      false,
      undefined,
    ],
    [
      'expropriation',
      'expertAppraisal',
      10,
      'days',
      '国有土地上房屋征收评估办法',
      false,
      undefined,
    ],
    [
      'expropriation',
      'administrativeReview',
      60,
      'days',
      '行政复议法（2023修订）第二十条',
      false,
      undefined,
    ],
    [
      'expropriation',
      'administrativeLawsuit',
      6,
      'months',
      '行政诉讼法第四十六条',
      true,
      undefined,
    ],
    ['expropriation', 'lawsuitAfterReview', 15, 'days', '行政诉讼法第四十五条', false, undefined],
    [
      'owners',
      'committeeTermReport',
      5,
      'months',
      '上海市住宅物业管理规定第二十八条',
      false,
      undefined,
    ],
    [
      'owners',
      'propertyContractNonRenewalNotice',
      90,
      'days',
      '民法典第九百四十七条',
      false,
      undefined,
    ],
    ['owners', 'decisionRevocationSuit', 1, 'years', '民法典第二百八十条', false, undefined],
  ])('%s %s: %i %s (%s)', (category, id, length, unit, source, extendable, maxExtension) => {
    expect(clock(category, id)).toMatchObject({ length, unit, extendable })
    expect(clock(category, id).maxExtension).toBe(maxExtension)
    expect(clock(category, id).source).toContain(source)
  })

  it.each(Object.values(WORKFLOWS).map((d) => [d.category, d] as const))(
    '%s: the practice clock and judicial confirmation, and a note on every clock',
    (_category, definition) => {
      expect(definition.clocks.find((c) => c.id === 'practiceConclusion')).toMatchObject({
        kind: 'practice',
        startEvent: 'accepted',
        length: 1,
        unit: 'months',
      })
      expect(
        definition.clocks.find((c) => c.id === 'judicialConfirmationApplication'),
      ).toMatchObject({
        source: '人民调解法第三十三条',
        length: 30,
        unit: 'days',
      })
      for (const c of definition.clocks) expect(c.note, c.id).toBeTruthy()
    },
  )

  it('no statutory clock here counts working days: every source says 日, 月, 年 or 小时', () => {
    const units = Object.values(WORKFLOWS).flatMap((d) => d.clocks.map((c) => c.unit))
    expect(units).not.toContain('workingDays')
  })
})

describe('clockDue', () => {
  const approved = { approvedBy: 'u-lead', reason: '情况复杂' }

  it.each<[CaseCategory, string, ClockRun, string]>([
    ['petition', 'petitionHandling', { start: '2026-01-05' }, '2026-03-06'],
    [
      'petition',
      'petitionHandling',
      { start: '2026-01-05', extensions: [{ length: 30, ...approved }] },
      '2026-04-07',
    ],
    [
      'petition',
      'petitionRecheckDecision',
      { start: '2026-03-02', pauses: [{ from: '2026-03-10', to: '2026-03-12', reason: '听证' }] },
      '2026-04-07',
    ],
    ['family', 'protectionOrderDecision', { start: '2026-09-30T16:20' }, '2026-10-03T16:20'],
    ['family', 'protectionOrderDecisionUrgent', { start: '2026-09-30T16:20' }, '2026-10-01T16:20'],
    ['family', 'mandatoryReport', { start: '2026-03-02T10:05' }, '2026-03-02T10:05'],
    ['family', 'protectionOrderExpiry', { start: '2026-03-31' }, '2026-09-30'],
    ['family', 'protectionOrderReconsideration', { start: '2026-09-28' }, '2026-10-08'],
    ['expropriation', 'administrativeLawsuit', { start: '2026-02-28' }, '2026-08-28'],
    ['owners', 'committeeTermReport', { start: '2026-10-31' }, '2026-05-29'],
    ['owners', 'propertyContractNonRenewalNotice', { start: '2026-12-31' }, '2026-09-30'],
    ['owners', 'practiceConclusion', { start: '2026-01-31' }, '2026-02-28'],
  ])('%s %s %j → %s', (category, id, run, expected) => {
    const result = clockDue(clock(category, id), run, calendar)
    expect(result.ok && result.value.due).toBe(expected)
  })

  it.each<[CaseCategory, string, ClockRun, string]>([
    [
      'petition',
      'petitionHandling',
      { start: '2026-01-05', extensions: [{ length: 31, ...approved }] },
      'extensionTooLong',
    ],
    [
      'petition',
      'petitionHandling',
      {
        start: '2026-01-05',
        extensions: [
          { length: 20, ...approved },
          { length: 11, ...approved },
        ],
      },
      'extensionTooLong',
    ],
    [
      'expropriation',
      'valuationRecheckRequest',
      { start: '2026-01-05', extensions: [{ length: 5, ...approved }] },
      'notExtendable',
    ],
    [
      'owners',
      'decisionRevocationSuit',
      { start: '2026-01-05', pauses: [{ from: '2026-02-01', to: '2026-02-10', reason: 'r' }] },
      'notPausable',
    ],
    [
      'family',
      'protectionOrderDecision',
      {
        start: '2026-01-05T09:00',
        pauses: [{ from: '2026-01-05', to: '2026-01-06', reason: 'r' }],
      },
      'notPausable',
    ],
  ])('%s %s refuses %j: %s', (category, id, run, problem) => {
    expect(clockDue(clock(category, id), run, calendar)).toEqual({ ok: false, problem })
  })

  it('a date where a time is needed, or the reverse, is refused', () => {
    expect(() =>
      clockDue(clock('family', 'protectionOrderDecision'), { start: '2026-01-05' }, calendar),
    ).toThrow()
    expect(() =>
      clockDue(clock('petition', 'petitionHandling'), { start: '2026-01-05T09:00' }, calendar),
    ).toThrow()
  })
})
