import { parseDay } from '../../../shared/domain/iso-date'
import { CASE_NUMBER_ABBREVIATIONS } from '../../../shared/domain/case-number'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import type { CaseCategory } from '../../../shared/domain/workflow/types'
import { domainEn } from '../../../shared/i18n/domain.en'
import { domainZhCN } from '../../../shared/i18n/domain.zh-CN'

/**
 * How a ledger's cell text becomes a stored id: the labels the app shows in both languages,
 * the ids themselves, and the words ledgers commonly use instead. Matching ignores case,
 * spaces and punctuation, so "浦东新区", "浦东" and "Pudong" all read as pudong.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
}

export type Lookup = (text: string) => string | undefined

function lookup(labels: Record<string, string>[], synonyms: Record<string, string[]> = {}): Lookup {
  const table = new Map<string, string>()
  const add = (key: string, id: string) => {
    const normalized = normalize(key)
    if (normalized && !table.has(normalized)) table.set(normalized, id)
  }
  for (const set of labels) for (const [id, label] of Object.entries(set)) add(label, id)
  for (const [id, words] of Object.entries(synonyms)) for (const word of words) add(word, id)
  for (const id of Object.keys(labels[0] ?? {})) add(id, id)
  return (text) => table.get(normalize(text))
}

const zh = domainZhCN
const en = domainEn

export const category = lookup([zh.workflow.category, en.workflow.category], {
  family: ['家庭', '家庭纠纷', '家事', '家暴', '家庭危机', ...[CASE_NUMBER_ABBREVIATIONS.family]],
  expropriation: [
    '动拆迁',
    '拆迁',
    '征收',
    '动迁',
    '房屋征收',
    CASE_NUMBER_ABBREVIATIONS.expropriation,
  ],
  petition: ['信访', '信访矛盾', CASE_NUMBER_ABBREVIATIONS.petition],
  owners: ['业委会', '物业', '物业纠纷', '业委会纠纷', CASE_NUMBER_ABBREVIATIONS.owners],
})

export const source = lookup([zh.case.source, en.case.source], {
  application: ['申请', '当事人申请调解', '来访'],
  ownInitiative: ['主动', '主动排查', '排查'],
  policeReferral: ['公安', '派出所', '派出所移交', '110', '110联动'],
  courtEntrusted: ['法院', '法院委派', '诉前调解'],
  governmentAssigned: ['政府', '街道指派', '街道交办', '政府交办'],
  petitionTransfer: ['信访', '信访办转办'],
})

/** District labels also match without 区 / 新区 ("黄浦", "浦东"). */
export const district = lookup(
  [zh.case.district, en.case.district],
  Object.fromEntries(
    Object.entries(zh.case.district).map(([id, label]) => [
      id,
      [label.replace(/(新区|区)$/, ''), label.replace(/新区$/, '区')],
    ]),
  ),
)

export const riskLevel = lookup([zh.case.risk, en.case.risk], {
  low: ['低风险', '一般', '无', 'low risk'],
  medium: ['中风险', '中等', '较高'],
  high: ['高风险'],
  critical: ['极高', '重大', '紧急风险', '特别重大'],
})

export const partyRole = lookup([zh.case.partyRole, en.case.partyRole], {
  applicant: ['申请方', '甲方'],
  respondent: ['被申请方', '乙方', '对方当事人'],
  agent: ['代理人'],
  representative: ['法定代理人', '代表人', '法定代表人'],
})

export const idType = lookup([zh.case.idType, en.case.idType], {
  residentId: ['身份证', '身份证号', '居民身份证号码', 'id card'],
  hkMacaoPermit: ['港澳通行证'],
  taiwanPermit: ['台胞证'],
  foreignPermanentId: ['永居证', '外国人永久居留证'],
  unifiedCreditCode: ['营业执照', '信用代码', '社会信用代码'],
})

/** Stage labels of the shared workflow and ledger words for them ("已结案", "调解不成"). */
const stage = lookup([zh.workflow.stage, en.workflow.stage], {
  intake: ['受理', '已受理', '申请', '登记', '待调解'],
  rightsNotice: ['告知'],
  investigation: ['调查中'],
  mediation: ['调解中', '正在调解', '办理中', '在办'],
  agreement: ['调解成功', '已达成协议', '协议'],
  performance: ['履行', '履行中', '回访', '待回访'],
  closed: ['结案', '已结案', '归档', '已归档', '办结', '已办结'],
  terminated: ['终止', '已终止', '调解不成', '调解不成功', '调解失败'],
})

export const isStageOf = (categoryId: CaseCategory, id: string) =>
  WORKFLOWS[categoryId].stages.some((s) => s.id === id)

/** A stage of this category's workflow, or undefined. */
export function stageOf(categoryId: CaseCategory, text: string): string | undefined {
  const id = stage(text)
  return id && isStageOf(categoryId, id) ? id : undefined
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Excel's day 0 of the 1900 date system is 1899-12-30 (its 1900-02-29 bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)

function isoOf(year: number, month: number, day: number): string | undefined {
  const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`
  return parseDay(iso) === undefined ? undefined : iso
}

/**
 * A calendar date from the ways ledgers write one: 2024-03-05, 2024/3/5, 2024.3.5,
 * 2024年3月5日, 20240305, a date with a time after it, and Excel serial numbers (45356) from
 * cells that lost their date format. Years before 1950 or after 2100 are refused: in a
 * mediation ledger they are typing errors.
 */
export function parseLedgerDate(text: string): string | undefined {
  const value = text.normalize('NFKC').trim()
  let iso: string | undefined
  const parts = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT].*)?$/.exec(
    value,
  )
  if (parts) iso = isoOf(Number(parts[1]), Number(parts[2]), Number(parts[3]))
  else if (/^\d{8}$/.test(value)) {
    iso = isoOf(Number(value.slice(0, 4)), Number(value.slice(4, 6)), Number(value.slice(6, 8)))
  } else if (/^\d{5}(?:\.\d+)?$/.test(value)) {
    const date = new Date(EXCEL_EPOCH_MS + Math.floor(Number(value)) * 86_400_000)
    iso = isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
  }
  return iso && iso >= '1950-01-01' && iso <= '2100-12-31' ? iso : undefined
}
