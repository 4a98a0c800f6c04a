import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import {
  Target,
  type ContractProgress,
  type ServiceContract,
  type ServiceContractInput,
} from '../../../shared/schemas/statistics'
import type { Database } from '../db/schema'
import { CoreError } from '../errors'
import { ALL_CASES, totals } from './indicators'

/**
 * 服务购买合同: the purchasing body (a 街道办事处, a district justice bureau), the period it
 * pays for, and the figures it expects. Progress is the same totals the dashboard shows, over
 * the contract's period and (if it names one) district, up to the as-of day.
 */
type Row = Database['serviceContract']

const Targets = z.array(Target)

function fromRow(row: Pick<Row, Exclude<keyof Row, 'updatedBy' | 'updatedAt'>>): ServiceContract {
  const targets = Targets.safeParse(JSON.parse(row.targets))
  return {
    id: row.id,
    title: row.title,
    purchaser: row.purchaser,
    contractNo: row.contractNo,
    from: row.from,
    to: row.to,
    district: row.district,
    targets: targets.success ? targets.data : [],
  }
}

const COLUMNS = [
  'id',
  'title',
  'purchaser',
  'contractNo',
  'from',
  'to',
  'district',
  'targets',
] as const

export async function listContracts(db: Kysely<Database>): Promise<ServiceContract[]> {
  const rows = await db
    .selectFrom('serviceContract')
    .select(COLUMNS)
    .orderBy('from', 'desc')
    .orderBy('title')
    .execute()
  return rows.map(fromRow)
}

export async function loadContract(db: Kysely<Database>, id: string): Promise<ServiceContract> {
  const row = await db
    .selectFrom('serviceContract')
    .select(COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new CoreError('NOT_FOUND')
  return fromRow(row)
}

export async function saveContract(
  db: Kysely<Database>,
  input: z.output<typeof ServiceContractInput>,
  userId: string,
  now: string,
): Promise<void> {
  const values = {
    title: input.title,
    purchaser: input.purchaser,
    contractNo: input.contractNo,
    from: input.from,
    to: input.to,
    district: input.district,
    targets: JSON.stringify(input.targets),
    updatedBy: userId,
    updatedAt: now,
  }
  if (input.id) {
    const result = await db
      .updateTable('serviceContract')
      .set(values)
      .where('id', '=', input.id)
      .executeTakeFirst()
    if (result.numUpdatedRows !== 1n) throw new CoreError('NOT_FOUND')
  } else {
    await db
      .insertInto('serviceContract')
      .values({ id: randomUUID(), ...values })
      .execute()
  }
}

export async function removeContract(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('serviceContract').where('id', '=', id).execute()
}

/** Each target against the figure so far; rates are compared in percent. */
export async function contractProgress(
  db: Kysely<Database>,
  contract: ServiceContract,
  today: string,
): Promise<ContractProgress> {
  const asOf = contract.to < today ? contract.to : today
  const figures = await totals(
    db,
    ALL_CASES,
    contract.district ? { district: contract.district } : {},
    { from: contract.from, to: contract.to, asOf },
  )
  return {
    contract,
    asOf,
    targets: contract.targets.map((target) => {
      const { indicator } = target
      const actual =
        indicator === 'accepted' || indicator === 'closed'
          ? figures.counts[indicator]
          : figures.rates[indicator] === null
            ? null
            : Number(((figures.rates[indicator] ?? 0) * 100).toFixed(1))
      return { ...target, actual, met: actual !== null && actual >= target.value }
    }),
  }
}
