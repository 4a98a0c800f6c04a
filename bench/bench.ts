import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join, resolve } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { contract, isChannel } from '../src/shared/contract'
import { ExportColumn } from '../src/shared/schemas/statistics'
import { startCoreWorker } from '../src/main/core/client'
import type { ScryptCost } from '../src/main/core/crypto/kdf'
import { seedCaseBase } from '../src/main/core/demo/seed'
import { createCore, type Core, type LocalCore } from '../src/main/core/router'
import { listCases } from '../src/main/core/services/case-list'
import { CaseListQuery } from '../src/shared/schemas/case'

export interface BenchOptions {
  cases: number
  /** Where the seeded base is cached and reused (bench/.cache). */
  cacheDir: string
  /** Where results.json is written. */
  out: string
  /** Repetitions of each query mix; fewer for the smoke run. */
  rounds: number
  scryptCost?: ScryptCost
  /** The built worker bundle for the main-loop figure (out/main/worker.js). */
  workerFile: string
  log?: (line: string) => void
}

/** Demo data is not secret; every bench account has this password. */
const PASSWORD = 'Bench-Mima-2026'
const SEED = 1
/** The demo history ends here, so the cached base is the same whenever it is built. */
const TODAY = '2026-11-20'

export type Figures = Record<string, number | string | null>

/** Target per figure: at most (≤) or at least (≥). */
export const TARGETS: Record<string, ['<=' | '>=', number]> = {
  list_p95_ms: ['<=', 15],
  search_p95_ms: ['<=', 30],
  open_case_p95_ms: ['<=', 20],
  save_p95_ms: ['<=', 5],
  dashboard_ms: ['<=', 300],
  export_xlsx_all_s: ['<=', 15],
  backup_s: ['<=', 20],
  encrypted_vs_plain_ratio: ['<=', 1.25],
  search_vs_like_speedup: ['>=', 20],
  core_vs_raw_sql_ratio: ['<=', 2],
  backup_vs_file_copy_ratio: ['<=', 4],
  main_loop_max_lag_ms: ['<=', 50],
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits

function percentile(samples: number[], p: number): number {
  const sorted = samples.toSorted((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

async function time<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now()
  const value = await work()
  return [performance.now() - started, value]
}

async function ok(core: Core, channel: string, payload?: unknown): Promise<unknown> {
  const result = await core.handle({ channel, payload })
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`)
  return result.value
}

/** The seeded base for `cases`, built once into the cache; each run works on a copy of it. */
async function baseCopy(options: BenchOptions): Promise<string> {
  const cached = join(options.cacheDir, `base-${options.cases}-s${SEED}`)
  if (!existsSync(join(cached, 'complete'))) {
    const building = `${cached}.tmp`
    rmSync(building, { recursive: true, force: true })
    options.log?.(`seeding ${options.cases} cases into ${cached} (once)`)
    await seedCaseBase(building, {
      cases: options.cases,
      seed: SEED,
      password: PASSWORD,
      today: TODAY,
      ...(options.scryptCost ? { scryptCost: options.scryptCost } : {}),
    })
    writeFileSync(join(building, 'complete'), new Date().toISOString())
    rmSync(cached, { recursive: true, force: true })
    renameSync(building, cached)
  }
  const work = join(options.cacheDir, `run-${process.pid}`)
  rmSync(work, { recursive: true, force: true })
  cpSync(cached, work, { recursive: true })
  return work
}

function coreFor(dir: string, options: BenchOptions): LocalCore {
  return createCore({
    dataDir: dir,
    ...(options.scryptCost ? { scryptCost: options.scryptCost } : {}),
  })
}

/** The list requests the UI makes: the default page, each filter, each sort, a later page. */
async function listMix(core: LocalCore, mediatorId: string) {
  const first = (await ok(core, 'cases.list', {})) as { next: string | null }
  return [
    {},
    { category: 'family' },
    { category: 'owners', stage: 'mediation' },
    { stage: 'closed' },
    { district: 'pudong' },
    { riskLevel: 'critical' },
    { overdue: true },
    { mediatorId },
    { acceptedFrom: '2026-01-01', acceptedTo: '2026-06-30' },
    { sort: 'nextDue', direction: 'asc' },
    { sort: 'number', direction: 'asc' },
    { sort: 'updatedAt' },
    { text: '王芳' },
    { text: '1381' },
    { after: first.next ?? undefined },
  ]
}

/** Any 2+ character query: common and rare words, names, numbers, a whole case number. */
const SEARCHES = [
  '张伟',
  '噪音',
  '补偿款',
  '信访事项',
  '调解',
  '物业公司',
  '漏水',
  '王芳',
  '1391',
  '3101151980',
  '家调字',
  '征收',
  '赡养费',
  '电梯',
]

async function samples(rounds: number, items: unknown[], run: (item: unknown) => Promise<unknown>) {
  const times: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (const item of items) times.push((await time(() => run(item)))[0])
  }
  return times
}

/**
 * The same SQL on two handles: the main list, search and case-file statements, taken from what
 * the core runs. Used for encrypted against plaintext.
 */
function sqlMix(sqlite: InstanceType<typeof Sqlite>, caseIds: string[]) {
  const statements = [
    sqlite.prepare(`SELECT c.id, c.number, c.category, c.stage, c.summary, c.district, c.risk_level,
      c.accepted_at, c.updated_at, c.next_due, u.display_name FROM "case" c
      JOIN case_mediator l ON l.case_id = c.id AND l.role = 'lead' JOIN user u ON u.id = l.user_id
      WHERE c.category = ? ORDER BY c.accepted_at DESC, c.number DESC LIMIT 101`),
    sqlite.prepare(`SELECT count(*) FROM "case" c WHERE c.category = ?`),
    sqlite.prepare(`SELECT d.case_id, d.entry_id FROM search_record_fts CROSS JOIN search_doc d
      ON d.id = search_record_fts.rowid WHERE search_record_fts MATCH ?
      ORDER BY search_record_fts.rowid DESC LIMIT 30`),
    sqlite.prepare(`SELECT d.case_id FROM search_case_fts CROSS JOIN search_doc d
      ON d.id = search_case_fts.rowid WHERE search_case_fts MATCH ?
      ORDER BY search_case_fts.rowid DESC LIMIT 30`),
    sqlite.prepare(`SELECT * FROM party WHERE case_id = ?`),
    sqlite.prepare(`SELECT * FROM timeline_entry WHERE case_id = ? ORDER BY occurred_at`),
    sqlite.prepare(`SELECT * FROM "case" WHERE id = ?`),
  ] as const
  const categories = ['family', 'expropriation', 'petition', 'owners']
  const records = ['"调解"', '"补偿 偿款"', '"噪音"']
  const cases = ['{ident} : ("张伟")', '{summary} : ("噪音")', '{ident} : ("139 391")']
  return () => {
    for (const category of categories) {
      statements[0].all(category)
      statements[1].get(category)
    }
    for (const m of records) statements[2].all(m)
    for (const m of cases) statements[3].all(m)
    for (const id of caseIds) {
      statements[4].all(id)
      statements[5].all(id)
      statements[6].get(id)
    }
  }
}

/**
 * A plaintext copy of the case base made inside SQLite: attach a database without a key, create
 * every table and index there, copy the rows (the search index as its shadow tables). Never
 * serialize(): that hands the whole decrypted file to JavaScript.
 */
function plaintextCopy(sqlite: InstanceType<typeof Sqlite>, file: string) {
  // The case base is opened without SQLITE_OPEN_CREATE, and ATTACH inherits that: an empty
  // file is an empty database.
  writeFileSync(file, '')
  sqlite.pragma('foreign_keys = OFF')
  sqlite.prepare(`ATTACH DATABASE ? AS plain KEY ''`).run(file)
  try {
    const objects = sqlite
      .prepare(
        `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid`,
      )
      .all() as { type: string; name: string; sql: string }[]
    const shadow = (name: string) => /^search_\w+_fts_/.test(name)
    for (const o of objects) {
      if (o.type === 'trigger' || (o.type === 'table' && shadow(o.name))) continue
      const qualified = o.sql.replace(
        /^CREATE (UNIQUE INDEX|INDEX|TABLE|VIRTUAL TABLE) ("?[\w]+"?)/,
        (_, kind: string, name: string) => `CREATE ${kind} plain.${name}`,
      )
      sqlite.exec(qualified)
      if (o.type === 'table' && !o.sql.startsWith('CREATE VIRTUAL')) {
        sqlite.exec(`INSERT INTO plain."${o.name}" SELECT * FROM main."${o.name}"`)
      }
    }
    // FTS5 guards its shadow tables; better-sqlite3's unsafe mode lifts SQLite's defensive flag
    // for this byte-for-byte copy of the index.
    sqlite.unsafeMode(true)
    for (const o of objects.filter((x) => x.type === 'table' && shadow(x.name))) {
      sqlite.exec(
        `DELETE FROM plain."${o.name}"; INSERT INTO plain."${o.name}" SELECT * FROM main."${o.name}"`,
      )
    }
    sqlite.unsafeMode(false)
    sqlite.exec('ANALYZE plain')
  } finally {
    sqlite.exec('DETACH DATABASE plain')
    sqlite.pragma('foreign_keys = ON')
  }
}

/** LIKE '%q%' over the texts search covers, collecting the matching cases: the scan search replaces. */
function likeScan(sqlite: InstanceType<typeof Sqlite>) {
  const statement = sqlite.prepare(`
    SELECT id FROM "case" WHERE number LIKE @q OR summary LIKE @q OR street LIKE @q
    UNION SELECT case_id FROM party WHERE name LIKE @q OR phone LIKE @q OR id_number LIKE @q OR address LIKE @q
    UNION SELECT case_id FROM household WHERE unit LIKE @q
    UNION SELECT case_id FROM timeline_entry WHERE body LIKE @q OR place LIKE @q OR attendees LIKE @q`)
  return (q: string) => statement.all({ q: `%${q}%` })
}

/** Event-loop lag of this thread (the Electron main process stand-in) while `work` runs elsewhere. */
async function maxLag<T>(work: () => Promise<T>): Promise<[number, T]> {
  let max = 0
  let expected = performance.now() + 5
  const timer = setInterval(() => {
    const now = performance.now()
    max = Math.max(max, now - expected)
    expected = now + 5
  }, 5)
  try {
    const value = await work()
    return [max, value]
  } finally {
    clearInterval(timer)
  }
}

async function exportAll(core: Core): Promise<number> {
  let progress = (await ok(core, 'exports.begin', {
    query: {},
    format: 'xlsx',
    columns: ExportColumn.options,
    view: 'full',
  })) as { exportId: string; done: number; total: number }
  while (progress.done < progress.total) {
    progress = (await ok(core, 'exports.next', { exportId: progress.exportId })) as typeof progress
  }
  const file = (await ok(core, 'exports.finish', { exportId: progress.exportId })) as {
    data: string
  }
  return file.data.length
}

/** Runs the benchmark and writes `options.out`; returns the figures and notes. */
export async function runBench(options: BenchOptions): Promise<Figures> {
  const log = options.log ?? (() => undefined)
  const figures: Figures = {}
  const note = (figure: string, text: string) => {
    figures[`${figure}_note`] = text
  }
  const has = (channel: string) => isChannel(channel) && channel in contract
  mkdirSync(options.cacheDir, { recursive: true })
  const dir = await baseCopy(options)
  const core = coreFor(dir, options)
  try {
    // Unlock: the supervisor's password through the keyring's scrypt, then the first query.
    const unlocks: number[] = []
    for (let i = 0; i < 3; i++) {
      await ok(core, 'auth.lock')
      unlocks.push(
        (await time(() => ok(core, 'auth.unlock', { login: 'zhuguan1', password: PASSWORD })))[0],
      )
    }
    figures.unlock_ms = round(percentile(unlocks, 50), 1)

    const { caseIds, mediatorId, cases } = await core.run(async (ctx) => {
      const { db } = ctx.vault.caseBase()
      const ids = (await db.selectFrom('case').select('id').orderBy('number').execute()).map(
        (r) => r.id,
      )
      const mediator = await db
        .selectFrom('user')
        .select('id')
        .where('login', '=', 'tiaojie01')
        .executeTakeFirstOrThrow()
      return { caseIds: ids, mediatorId: mediator.id, cases: ids.length }
    })
    figures.cases = cases
    const sample = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => caseIds[Math.floor(((i + 0.5) * caseIds.length) / n)] ?? '',
      )

    log('list')
    const lists = await listMix(core, mediatorId)
    figures.list_p95_ms = round(
      percentile(await samples(options.rounds, lists, (q) => ok(core, 'cases.list', q)), 95),
    )

    log('search')
    figures.search_p95_ms = round(
      percentile(
        await samples(options.rounds, SEARCHES, (q) => ok(core, 'search.query', { q, limit: 10 })),
        95,
      ),
    )

    log('open')
    const opened = sample(Math.max(20, options.rounds * 10))
    figures.open_case_p95_ms = round(
      percentile(await samples(1, opened, (caseId) => ok(core, 'cases.get', { caseId })), 95),
    )

    log('save')
    const saves: number[] = []
    for (const caseId of sample(Math.max(20, options.rounds * 10))) {
      const file = (await ok(core, 'cases.get', { caseId })) as { version: number }
      saves.push(
        (
          await time(() =>
            ok(core, 'timeline.add', {
              caseId,
              version: file.version,
              entry: {
                kind: 'call',
                occurredAt: '2026-11-20T10:00',
                body: '电话联系当事人，约定下次调解时间。',
              },
            }),
          )
        )[0],
      )
    }
    figures.save_p95_ms = round(percentile(saves, 95))

    log('core vs raw')
    const query = CaseListQuery.parse({})
    const raw = await core.run(async (ctx) => {
      // The statements and parameters listCases runs for the default page, recorded once.
      const { sqlite } = ctx.vault.caseBase()
      const captured: { source: string; args: unknown[] }[] = []
      const original = sqlite.prepare
      sqlite.prepare = ((source: string) => {
        const statement = original.call(sqlite, source)
        return new Proxy(statement, {
          get(target, prop) {
            const value: unknown = Reflect.get(target, prop)
            if (prop === 'all') {
              return (...args: unknown[]) => {
                captured.push({ source, args })
                return Reflect.apply(target.all, target, args) as unknown
              }
            }
            return typeof value === 'function' ? value.bind(target) : value
          },
        })
      }) as typeof sqlite.prepare
      try {
        await listCases(ctx, query)
      } finally {
        sqlite.prepare = original
      }
      return captured
    })
    const coreTimes = await samples(options.rounds * 5, [{}], (q) => ok(core, 'cases.list', q))
    const rawTimes = await core.run(async (ctx) => {
      const { sqlite } = ctx.vault.caseBase()
      const statements = raw.map(({ source, args }) => ({
        statement: sqlite.prepare(source),
        args,
      }))
      return samples(options.rounds * 5, [null], () =>
        Promise.resolve(
          statements.map(
            ({ statement, args }) => Reflect.apply(statement.all, statement, args) as unknown,
          ),
        ),
      )
    })
    figures.core_vs_raw_sql_ratio = round(percentile(coreTimes, 50) / percentile(rawTimes, 50))

    log('encrypted vs plain')
    const plainFile = join(dir, 'plain-copy.db')
    const mixIds = sample(20)
    figures.encrypted_vs_plain_ratio = await core.run(async (ctx) => {
      const { sqlite } = ctx.vault.caseBase()
      plaintextCopy(sqlite, plainFile)
      const plain = new Sqlite(plainFile)
      try {
        const encrypted = sqlMix(sqlite, mixIds)
        const clear = sqlMix(plain, mixIds)
        encrypted()
        clear()
        let [e, p] = [0, 0]
        for (let r = 0; r < options.rounds; r++) {
          e += (await time(encrypted))[0]
          p += (await time(clear))[0]
        }
        return round(e / p)
      } finally {
        plain.close()
        rmSync(plainFile, { force: true })
      }
    })

    log('search vs LIKE')
    const likeTimes = await core.run(async (ctx) => {
      const scan = likeScan(ctx.vault.caseBase().sqlite)
      return samples(1, SEARCHES, (q) => Promise.resolve(scan(q as string)))
    })
    const searchTimes = await samples(1, SEARCHES, (q) =>
      ok(core, 'search.query', { q, limit: 10 }),
    )
    figures.search_vs_like_speedup = round(
      likeTimes.reduce((a, b) => a + b, 0) / searchTimes.reduce((a, b) => a + b, 0),
      1,
    )

    if (has('stats.dashboard')) {
      log('dashboard')
      const period = { from: '2026-01-01', to: TODAY }
      await ok(core, 'stats.dashboard', { period, filters: {} })
      const times = await samples(Math.max(1, Math.ceil(options.rounds / 4)), [null], () =>
        ok(core, 'stats.dashboard', { period: { from: '2021-01-01', to: TODAY }, filters: {} }),
      )
      figures.dashboard_ms = round(percentile(times, 50), 1)
    } else {
      figures.dashboard_ms = null
      note('dashboard_ms', 'not yet implemented')
    }

    if (has('exports.begin')) {
      log('export')
      try {
        figures.export_xlsx_all_s = round((await time(() => exportAll(core)))[0] / 1000)
      } catch (error) {
        figures.export_xlsx_all_s = null
        note('export_xlsx_all_s', `failed: ${error instanceof Error ? error.message : 'unknown'}`)
      }
    } else {
      figures.export_xlsx_all_s = null
      note('export_xlsx_all_s', 'not yet implemented')
    }

    const copyTarget = join(dir, 'file-copy.db')
    if (has('backup.create')) {
      log('backup')
      try {
        // Beside the data folder, not inside it: backups belong elsewhere.
        const folder = resolve(options.cacheDir, `backups-${process.pid}`)
        mkdirSync(folder, { recursive: true })
        await ok(core, 'auth.unlock', { login: 'admin', password: PASSWORD })
        await ok(core, 'backup.updateSettings', { folder })
        const [ms] = await time(() => ok(core, 'backup.create'))
        const [copyMs] = await time(() => copyFileSync(join(dir, 'concord.db'), copyTarget))
        rmSync(copyTarget, { force: true })
        figures.backup_s = round(ms / 1000)
        figures.backup_vs_file_copy_ratio = round(ms / copyMs)
        rmSync(folder, { recursive: true, force: true })
      } catch (error) {
        figures.backup_s = null
        figures.backup_vs_file_copy_ratio = null
        note('backup_s', `failed: ${error instanceof Error ? error.message : 'unknown'}`)
      } finally {
        await ok(core, 'auth.unlock', { login: 'zhuguan1', password: PASSWORD })
      }
    } else {
      figures.backup_s = null
      figures.backup_vs_file_copy_ratio = null
      note('backup_s', 'not yet implemented')
    }
  } finally {
    await core.close()
  }

  log('main loop')
  if (existsSync(options.workerFile)) {
    const worker = startCoreWorker(resolve(options.workerFile), {
      dataDir: dir,
      ...(options.scryptCost ? { scryptCost: options.scryptCost } : {}),
    })
    try {
      await ok(worker, 'auth.unlock', { login: 'zhuguan1', password: PASSWORD })
      const heavy = has('exports.begin')
        ? () => exportAll(worker)
        : () => ok(worker, 'search.rebuild')
      if (!has('exports.begin'))
        note('main_loop_max_lag_ms', 'measured during search.rebuild: export not yet implemented')
      const [lag] = await maxLag(heavy)
      figures.main_loop_max_lag_ms = round(lag, 1)
    } catch (error) {
      figures.main_loop_max_lag_ms = null
      note('main_loop_max_lag_ms', `failed: ${error instanceof Error ? error.message : 'unknown'}`)
    } finally {
      await worker.close()
    }
  } else {
    figures.main_loop_max_lag_ms = null
    note('main_loop_max_lag_ms', `${options.workerFile} not built (npx electron-vite build)`)
  }
  figures.rss_mb = Math.round(process.memoryUsage().rss / 2 ** 20)
  figures.generated_at = new Date().toISOString()
  rmSync(dir, { recursive: true, force: true })
  writeFileSync(options.out, `${JSON.stringify(figures, null, 2)}\n`)
  return figures
}

/** The figures as a table: value, target and whether it is met. */
export function table(figures: Figures): string {
  const lines = ['figure                      value        target    result']
  for (const [name, value] of Object.entries(figures)) {
    if (name.endsWith('_note') || name === 'generated_at') continue
    const target = TARGETS[name]
    const shown = value === null ? '—' : String(value)
    const goal = target ? `${target[0] === '<=' ? '≤' : '≥'} ${target[1]}` : ''
    const met =
      !target || typeof value !== 'number'
        ? (figures[`${name}_note`] ?? '')
        : (target[0] === '<=' ? value <= target[1] : value >= target[1])
          ? 'pass'
          : 'MISS'
    lines.push(`${name.padEnd(28)}${shown.padStart(8)}     ${goal.padEnd(10)}${met}`)
  }
  return lines.join('\n')
}
