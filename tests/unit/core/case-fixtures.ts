import type { CaseWrite, ChannelInput, ChannelOutput } from '../../../src/shared/contract'
import type { CaseCategory } from '../../../src/shared/domain/workflow/types'
import type { Core } from '../../../src/main/core/router'
import { call, type Staff } from '../../support/core'

/** Made-up but valid resident ID numbers (Shanghai region, real dates, correct check character). */
export const ID_NUMBERS = { zhang: '31010119800101123X', li: '310115199212310021' }

export type CaseFile = ChannelOutput<'cases.get'>
type CaseInput = ChannelInput<'cases.create'>

/** Category facts that satisfy each category's intake guards (the workflow definitions). */
export const DETAILS: { [C in CaseCategory]: Extract<CaseInput['details'], { category: C }> } = {
  family: {
    category: 'family',
    relationship: 'spouses',
    riskTool: '机构风险评估表 v1',
    mandatoryReportAssessed: false,
  },
  petition: {
    category: 'petition',
    petitionCategory: 'appeal',
    handlingAgency: '黄浦区信访办公室',
    petitionReceivedAt: '2026-02-26',
    petitionAcceptedAt: '2026-03-02',
  },
  expropriation: {
    category: 'expropriation',
    expropriationDecisionNo: '黄府征〔2026〕1号',
    expropriationDecisionDate: '2026-01-15',
  },
  owners: { category: 'owners', estate: '江畔花园' },
}

/** The 卷宗 items each category requires in every file (common.ts plus the category's own). */
export const ALWAYS: Record<CaseCategory, string[]> = {
  family: ['application', 'rightsNotice', 'identityProof', 'mediationRecord', 'riskAssessment'],
  petition: ['application', 'rightsNotice', 'identityProof', 'mediationRecord', 'petitionMaterial'],
  expropriation: ['application', 'rightsNotice', 'identityProof', 'mediationRecord'],
  owners: ['application', 'rightsNotice', 'identityProof', 'mediationRecord'],
}

export function caseInput(
  category: CaseCategory,
  staff: Staff,
  overrides: Partial<CaseInput> = {},
): CaseInput {
  return {
    source: 'application',
    summary: '邻里纠纷，双方同意调解',
    district: 'huangpu',
    street: '外滩街道',
    leadMediatorId: staff.mediator.id,
    coMediatorIds: [],
    riskLevel: 'medium',
    acceptedAt: '2026-03-02',
    details: DETAILS[category],
    ...overrides,
  }
}

export const APPLICANT = {
  kind: 'person',
  name: '张三丰',
  role: 'applicant',
  idType: 'residentId',
  idNumber: ID_NUMBERS.zhang,
  phone: '138 1234 5678',
  legalBasis: 'consent',
} as const satisfies ChannelInput<'parties.add'>['party']

/** Works one case as the UI does: every write names the version it last saw. */
export function onCase(core: Core, file: CaseFile) {
  let current = file
  return {
    get file() {
      return current
    },
    async write<C extends CaseWrite>(
      channel: C,
      rest: Omit<ChannelInput<C>, 'caseId' | 'version'>,
    ): Promise<CaseFile> {
      const payload = { caseId: current.id, version: current.version, ...rest }
      current = await call(core, channel, payload as unknown as ChannelInput<C>)
      return current
    },
    /** The same write, expected to fail: returns the error. */
    async refused<C extends CaseWrite>(
      channel: C,
      rest: Omit<ChannelInput<C>, 'caseId' | 'version'>,
    ) {
      const result = await core.handle({
        channel,
        payload: { caseId: current.id, version: current.version, ...rest },
      })
      if (result.ok) throw new Error(`${channel} unexpectedly succeeded`)
      return result.error
    },
    async present(...itemIds: string[]) {
      for (const itemId of itemIds) await this.write('checklist.set', { itemId, present: true })
      return current
    },
  }
}
