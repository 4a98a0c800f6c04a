import { describe, expect, it } from 'vitest'
import { domainLabelKeys } from '../../src/shared/domain/labels'
import { TransitionProblem } from '../../src/shared/domain/workflow/types'
import { resources } from '../../src/shared/i18n'
import { domainEn } from '../../src/shared/i18n/domain.en'
import { domainZhCN } from '../../src/shared/i18n/domain.zh-CN'
import {
  CaseProgress,
  CaseSource,
  ChecklistView,
  CivilCapacity,
  ClockView,
  District,
  ExpropriationDetails,
  FamilyDetails,
  HouseholdInput,
  IdType,
  LegalBasis,
  Party,
  PartyRelationKind,
  PartyRole,
  PetitionDetails,
  RiskLevel,
  TimelineEntry,
  TimelineKind,
} from '../../src/shared/schemas/case'

type Tree = { [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of leaves(value, path)) out.set(k, v)
  }
  return out
}

const locales = {
  'zh-CN': leaves(resources['zh-CN'].translation),
  en: leaves(resources.en.translation),
}

/** Label keys of the case schema's enums, read from the schemas so a new option needs a label. */
const caseEnums: Record<string, readonly string[]> = {
  source: CaseSource.options,
  district: District.options,
  risk: RiskLevel.options,
  partyRole: PartyRole.options,
  idType: IdType.options,
  civilCapacity: CivilCapacity.options,
  legalBasis: LegalBasis.options,
  relationship: FamilyDetails.shape.relationship.unwrap().options,
  relation: PartyRelationKind.options,
  petitionCategory: PetitionDetails.shape.petitionCategory.unwrap().options,
  tenure: ExpropriationDetails.shape.tenure.unwrap().options,
  compensationChoice: ExpropriationDetails.shape.compensationChoice.unwrap().options,
  agreementStatus: HouseholdInput.shape.agreementStatus.options,
  timelineKind: [...TimelineKind.options, TimelineEntry.shape.kind.options[1].value],
  partyKind: Party.shape.kind.options,
  clockStatus: ClockView.shape.status.options,
  clockKind: ClockView.shape.kind.options,
  judicialConfirmationResult: CaseProgress.shape.judicialConfirmationResult.unwrap().options,
  checklistRequired: ChecklistView.shape.required.options,
}
const caseKeys = Object.entries(caseEnums).flatMap(([name, ids]) =>
  ids.map((id) => `case.${name}.${id}`),
)
// validation.* belongs to the main locale files, not to the domain labels.
const domainKeys = domainLabelKeys().filter((key) => !key.startsWith('validation.'))

const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
const han = /\p{Script=Han}/u

describe('domain labels', () => {
  it.each(Object.entries(locales))(
    '%s labels every id of the workflows and the calendar',
    (_, messages) => {
      const missing = domainKeys.filter((key) => !messages.get(key)?.trim())
      expect(missing).toEqual([])
    },
  )

  it.each(Object.entries(locales))('%s labels every option of the case schema', (_, messages) => {
    const missing = caseKeys.filter((key) => !messages.get(key)?.trim())
    expect(missing).toEqual([])
  })

  it('the domain locale files hold no label for an id that no longer exists', () => {
    const known = new Set([...domainKeys, ...caseKeys])
    for (const domain of [domainZhCN, domainEn]) {
      expect([...leaves(domain).keys()].filter((key) => !known.has(key))).toEqual([])
    }
  })

  it('the main locale does not override a domain section', () => {
    for (const [section, labels] of Object.entries(domainZhCN)) {
      expect(resources['zh-CN'].translation[section as keyof typeof domainZhCN], section).toBe(
        labels,
      )
    }
    for (const [section, labels] of Object.entries(domainEn)) {
      expect(resources.en.translation[section as keyof typeof domainEn], section).toBe(labels)
    }
  })

  it('Chinese labels are Chinese and both languages use the same placeholders', () => {
    const zh = locales['zh-CN']
    const en = locales.en
    for (const key of [...domainKeys, ...caseKeys]) {
      const text = zh.get(key) ?? ''
      expect(han.test(text), key).toBe(true)
      expect(variables(en.get(key) ?? ''), key).toEqual(variables(text))
    }
  })

  it('problem messages name what went wrong with the fields of their problem', () => {
    for (const problem of TransitionProblem.options) {
      const kind = problem.shape.kind.value
      const fields = Object.keys(problem.shape).filter((field) => field !== 'kind')
      for (const messages of Object.values(locales)) {
        const used = variables(messages.get(`workflow.problem.${kind}`) ?? '')
        expect(used, kind).toEqual(fields.sort())
      }
    }
  })
})
