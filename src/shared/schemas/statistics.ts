import { z } from 'zod'
import { IsoDate } from '../domain/iso-date'
import { PersonalDataView } from '../domain/masking'
import { CaseCategory } from '../domain/workflow/types'
import { CaseSource, District } from './case'
import { SavedFilterQuery } from './saved-filter'

/**
 * Statistics for the government body that buys the service (issue 6 items 4–7). Every figure
 * is a count of a case set or a ratio of two; docs/statistics.md says how each is computed and
 * src/main/core/stats/indicators.ts is the one place it is.
 */
export const CaseSet = z.enum([
  'accepted',
  'closed',
  'agreed',
  'onTime',
  'open',
  'overdue',
  'followUpDue',
  'followedUp',
])
export type CaseSet = z.infer<typeof CaseSet>

export const Rate = z.enum(['agreementRate', 'onTimeRate', 'followUpRate'])
export type Rate = z.infer<typeof Rate>

/** A rate's numerator and denominator sets. */
export const RATES: Record<Rate, { of: CaseSet; per: CaseSet }> = {
  agreementRate: { of: 'agreed', per: 'closed' },
  onTimeRate: { of: 'onTime', per: 'closed' },
  followUpRate: { of: 'followedUp', per: 'followUpDue' },
}

export const Dimension = z.enum(['category', 'stage', 'month', 'district', 'source', 'mediator'])
export type Dimension = z.infer<typeof Dimension>

export const StatsPeriod = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((p) => p.from <= p.to, { message: 'periodOrder' })
export type StatsPeriod = z.infer<typeof StatsPeriod>

export const StatsFilters = z
  .object({
    category: CaseCategory.optional(),
    district: District.optional(),
    source: CaseSource.optional(),
    mediatorId: z.string().min(1).max(64).optional(),
  })
  .default({})
export type StatsFilters = z.infer<typeof StatsFilters>

/** Counts of every set, the average days of the closed ones, and the three rates (0–1). */
export const Figures = z.object({
  counts: z.record(CaseSet, z.int()),
  averageDays: z.number().nullable(),
  rates: z.record(Rate, z.number().nullable()),
})
export type Figures = z.infer<typeof Figures>

export const BreakdownRow = z.object({
  key: z.string(),
  /** Only for keys the window cannot label itself (a mediator's display name). */
  label: z.string().nullable(),
  figures: Figures,
})
export type BreakdownRow = z.infer<typeof BreakdownRow>

export const Target = z.object({
  indicator: z.enum(['accepted', 'closed', 'agreementRate', 'onTimeRate', 'followUpRate']),
  /** A count, or for a rate a percentage 0–100. */
  value: z.number().min(0).max(1_000_000),
})
export type Target = z.infer<typeof Target>

export const ServiceContractInput = z
  .object({
    id: z.string().min(1).max(64).optional(),
    title: z.string().trim().min(1).max(100),
    purchaser: z.string().trim().min(1).max(100),
    contractNo: z.string().trim().max(60).default(''),
    from: IsoDate,
    to: IsoDate,
    district: District.nullable().default(null),
    targets: z.array(Target).max(10),
  })
  .refine((c) => c.from <= c.to, { message: 'periodOrder', path: ['to'] })

export const ServiceContract = z.object({
  id: z.string(),
  title: z.string(),
  purchaser: z.string(),
  contractNo: z.string(),
  from: z.string(),
  to: z.string(),
  district: District.nullable(),
  targets: z.array(Target),
})
export type ServiceContract = z.infer<typeof ServiceContract>

export const TargetProgress = Target.extend({
  /** The figure over the contract's period up to today, same unit as the target. */
  actual: z.number().nullable(),
  met: z.boolean(),
})

export const ContractProgress = z.object({
  contract: ServiceContract,
  asOf: z.string(),
  targets: z.array(TargetProgress),
})
export type ContractProgress = z.infer<typeof ContractProgress>

export const Dashboard = z.object({
  period: z.object({ from: z.string(), to: z.string(), asOf: z.string() }),
  totals: Figures,
  breakdowns: z.record(Dimension, z.array(BreakdownRow)),
  contracts: z.array(ContractProgress),
})
export type Dashboard = z.infer<typeof Dashboard>

export const DashboardInput = z.object({ period: StatsPeriod, filters: StatsFilters })

export const DrilldownInput = z.object({
  period: StatsPeriod,
  filters: StatsFilters,
  set: CaseSet,
  /** One row of a breakdown: its dimension and key. */
  group: z.object({ dimension: Dimension, key: z.string().max(64) }).optional(),
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(500).default(100),
})

/** A case behind a figure: what identifies it, never its parties or summary. */
export const FigureCase = z.object({
  id: z.string(),
  number: z.string(),
  category: CaseCategory,
  stage: z.string(),
  source: CaseSource,
  district: District,
  acceptedAt: z.string(),
  concludedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  conclusionDue: z.string().nullable(),
  leadMediatorName: z.string(),
})
export type FigureCase = z.infer<typeof FigureCase>

export const DrilldownPage = z.object({ total: z.int(), rows: z.array(FigureCase) })

export const ReportInput = z.object({
  period: StatsPeriod,
  contractId: z.string().max(64).optional(),
  title: z.string().trim().min(1).max(100),
})

export const FileOutput = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  /** Base64; the window turns it into a download. */
  data: z.string(),
})
export type FileOutput = z.infer<typeof FileOutput>

export const FrozenReport = z.object({
  id: z.string(),
  title: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  contractId: z.string().nullable(),
  sha256: z.string(),
  frozenAt: z.string(),
  frozenByName: z.string(),
})
export type FrozenReport = z.infer<typeof FrozenReport>

export const ReportCheck = z.object({
  report: FrozenReport,
  /** SHA-256 of the same content computed now from the case base. */
  currentSha256: z.string(),
  unchanged: z.boolean(),
  /** Figures whose value differs now: "totals.closed", "category.family.accepted" … */
  differences: z.array(z.object({ figure: z.string(), frozen: z.string(), current: z.string() })),
})

export const ExportColumn = z.enum([
  'number',
  'category',
  'stage',
  'source',
  'district',
  'street',
  'riskLevel',
  'acceptedAt',
  'closedOn',
  'leadMediator',
  'summary',
  'parties',
  'idNumbers',
  'phones',
  'records',
])
export type ExportColumn = z.infer<typeof ExportColumn>

export const ExportBegin = z.object({
  /** The case list's current filters and sort, as a saved filter holds them. */
  query: SavedFilterQuery,
  format: z.enum(['xlsx', 'csv']),
  columns: z.array(ExportColumn).min(1),
  view: PersonalDataView,
  /** Caucus and restricted records go into the records column only when this is chosen. */
  includeRestricted: z.boolean().default(false),
})

export const ExportProgress = z.object({
  exportId: z.string(),
  done: z.int(),
  total: z.int(),
  /** The view the core applied: an auditor asking for full data gets masked. */
  view: PersonalDataView,
})

export const ExportRef = z.object({ exportId: z.string().min(1).max(64) })
