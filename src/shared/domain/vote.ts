import { z } from 'zod'

/**
 * Owners' joint decisions under Civil Code Art. 278. The nine matters of Art. 278(1), in
 * order; items 6–8 need the higher threshold of Art. 278(2). Using the maintenance fund
 * (item 5) needs only a majority since the Civil Code (the Property Law had required 2/3);
 * raising it (item 6) needs 3/4.
 */
export const Art278Matter = z.enum([
  'meetingRules', // (一) 制定和修改业主大会议事规则
  'managementStatute', // (二) 制定和修改管理规约
  'committeeElection', // (三) 选举业主委员会或者更换业主委员会成员
  'propertyManager', // (四) 选聘和解聘物业服务企业或者其他管理人
  'useMaintenanceFund', // (五) 使用建筑物及其附属设施的维修资金
  'raiseMaintenanceFund', // (六) 筹集建筑物及其附属设施的维修资金
  'rebuild', // (七) 改建、重建建筑物及其附属设施
  'changeCommonParts', // (八) 改变共有部分的用途或者利用共有部分从事经营活动
  'otherMajorMatter', // (九) 有关共有和共同管理权利的其他重大事项
])
export type Art278Matter = z.infer<typeof Art278Matter>

const THREE_QUARTERS_MATTERS: ReadonlySet<Art278Matter> = new Set([
  'raiseMaintenanceFund',
  'rebuild',
  'changeCommonParts',
])

/**
 * Exclusive area (专有部分面积) in m², as a decimal string or number with at most two decimals
 * — the precision of property registration. Counted in exact hundredths: in floating point
 * 200.48 / 300.72 < 2/3, though it is exactly 2/3, and the vote would wrongly lack a quorum.
 */
const Area = z
  .union([z.string().trim(), z.number().nonnegative()])
  .transform((value) => String(value))
  .refine((text) => /^\d{1,12}(\.\d{1,2})?$/.test(text), { message: 'area' })
  .transform((text) => {
    const [whole = '0', fraction = ''] = text.split('.')
    return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'))
  })

const Count = z.object({ area: Area, headcount: z.int().nonnegative() })

export const VoteInput = z
  .object({
    matter: Art278Matter,
    /** All owners of the estate (物业管理区域): total exclusive area and number of owners. */
    total: Count,
    /** Owners who took part in the vote (参与表决). */
    participating: Count,
    /** Owners who voted yes (同意). */
    yes: Count,
  })
  .superRefine((vote, ctx) => {
    if (vote.total.area === 0n || vote.total.headcount === 0) {
      ctx.addIssue({ code: 'custom', message: 'vote.emptyEstate', path: ['total'] })
    }
    const within = (part: z.output<typeof Count>, whole: z.output<typeof Count>) =>
      part.area <= whole.area && part.headcount <= whole.headcount
    if (!within(vote.participating, vote.total)) {
      ctx.addIssue({ code: 'custom', message: 'vote.moreThanTotal', path: ['participating'] })
    }
    if (!within(vote.yes, vote.participating)) {
      ctx.addIssue({ code: 'custom', message: 'vote.moreThanParticipating', path: ['yes'] })
    }
  })

export const VoteRule = z.enum(['majority', 'threeQuarters'])
export type VoteRule = z.infer<typeof VoteRule>

const Test = z.object({
  met: z.boolean(),
  area: z.boolean(),
  headcount: z.boolean(),
  /** The least area (m², two decimals) and headcount that would meet the threshold. */
  areaNeeded: z.string(),
  headcountNeeded: z.int(),
})

export const VoteResult = z.object({
  rule: VoteRule,
  quorum: Test,
  approval: Test,
  passed: z.boolean(),
})
export type VoteResult = z.infer<typeof VoteResult>

/** n/d of `whole`, where `strict` means "more than" (过半数) and not "at least" (以上). */
interface Threshold {
  readonly n: bigint
  readonly d: bigint
  readonly strict: boolean
}
// Civil Code Art. 1259: 以上 includes the number itself; 过半数 means more than half.
const TWO_THIRDS: Threshold = { n: 2n, d: 3n, strict: false }
const MORE_THAN_HALF: Threshold = { n: 1n, d: 2n, strict: true }
const THREE_QUARTERS: Threshold = { n: 3n, d: 4n, strict: false }

function meets(part: bigint, whole: bigint, t: Threshold): boolean {
  return t.strict ? part * t.d > whole * t.n : part * t.d >= whole * t.n
}

function least(whole: bigint, t: Threshold): bigint {
  const product = whole * t.n
  return t.strict ? product / t.d + 1n : (product + t.d - 1n) / t.d
}

function hundredths(units: bigint): string {
  return `${units / 100n}.${String(units % 100n).padStart(2, '0')}`
}

function test(
  part: z.output<typeof Count>,
  whole: z.output<typeof Count>,
  t: Threshold,
): z.infer<typeof Test> {
  const area = meets(part.area, whole.area, t)
  const headcount = meets(BigInt(part.headcount), BigInt(whole.headcount), t)
  return {
    met: area && headcount,
    area,
    headcount,
    areaNeeded: hundredths(least(whole.area, t)),
    headcountNeeded: Number(least(BigInt(whole.headcount), t)),
  }
}

/**
 * Art. 278(2): owners holding at least 2/3 of the exclusive area AND at least 2/3 of the
 * owners must take part; then items 6–8 need at least 3/4 of the participating area AND of
 * the participating owners, every other matter more than half of both.
 */
export function tallyVote(input: z.input<typeof VoteInput>): VoteResult {
  const vote = VoteInput.parse(input)
  const rule: VoteRule = THREE_QUARTERS_MATTERS.has(vote.matter) ? 'threeQuarters' : 'majority'
  const quorum = test(vote.participating, vote.total, TWO_THIRDS)
  const approval = test(
    vote.yes,
    vote.participating,
    rule === 'threeQuarters' ? THREE_QUARTERS : MORE_THAN_HALF,
  )
  return { rule, quorum, approval, passed: quorum.met && approval.met }
}
