import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import type { ChannelInput } from '../../../src/shared/contract'
import { maskName, maskPhone, maskResidentId } from '../../../src/shared/domain/masking'
import { ExportColumn } from '../../../src/shared/schemas/statistics'
import {
  addUser,
  ADMIN,
  call,
  eachTestWithStaff,
  firstSignIn,
  OWN_PASSWORD,
  refusal,
  signInAs,
  type Staff,
} from '../../support/core'
import { ALWAYS, APPLICANT, caseInput, ID_NUMBERS, onCase } from './case-fixtures'

/**
 * Statistics, contracts, period reports and the case-list export through the contract, on a
 * real encrypted case base: who may see what, the files read back with exceljs, and a scan of
 * every masked export path for a full ID number, phone number or name.
 */
let core: Core
let staff: Staff
eachTestWithStaff(
  { now: () => new Date('2026-03-20T02:00:00Z'), who: (s) => s.supervisor.login },
  (env) => ({ core, staff } = env),
)

const MARCH = { from: '2026-03-01', to: '2026-03-31' }
const PHONE_DIGITS = '13812345678'
const CAUCUS = '背靠背：申请人私下表示可接受两万元'

/** Two March cases of the mediator (one closed with agreement), one of the colleague. */
async function caseSet() {
  await signInAs(core, staff.mediator.login)
  const closed = onCase(core, await call(core, 'cases.create', caseInput('owners', staff)))
  await closed.write('parties.add', { party: APPLICANT })
  await closed.present('application', 'identityProof')
  await closed.write('cases.transition', { to: 'rightsNotice' })
  await closed.write('cases.update', { patch: { progress: { rightsNotifiedAt: '2026-03-03' } } })
  await closed.present('rightsNotice')
  await closed.write('cases.transition', { to: 'mediation' })
  await closed.write('timeline.add', {
    entry: {
      kind: 'session',
      occurredAt: '2026-03-05T14:00',
      attendees: [APPLICANT.name],
      body: `${APPLICANT.name}到场，电话 ${PHONE_DIGITS}，双方陈述意见。`,
    },
  })
  await closed.write('timeline.add', {
    entry: { kind: 'session', occurredAt: '2026-03-06T10:00', restricted: true, body: CAUCUS },
  })
  await closed.present('mediationRecord')
  await closed.write('cases.transition', { to: 'agreement' })
  const progress = {
    rightsNotifiedAt: '2026-03-03',
    agreementEffectiveAt: '2026-03-08',
    performanceDeadline: '2026-03-15',
    followUpAt: '2026-03-16',
  }
  await closed.write('cases.update', { patch: { progress } })
  await closed.present('agreement')
  await closed.write('cases.transition', { to: 'performance' })
  await closed.present(...ALWAYS.owners)
  await closed.write('cases.transition', {
    to: 'closed',
    approval: { userId: staff.supervisor.id, password: OWN_PASSWORD },
  })
  const open = await call(
    core,
    'cases.create',
    caseInput('family', staff, { acceptedAt: '2026-03-10', district: 'xuhui' }),
  )
  await signInAs(core, staff.supervisor.login)
  const colleagues = await call(
    core,
    'cases.create',
    caseInput('petition', staff, { leadMediatorId: staff.colleague.id, acceptedAt: '2026-03-12' }),
  )
  return { closed: closed.file, open, colleagues }
}

async function addAuditor(): Promise<string> {
  await signInAs(core, ADMIN.login)
  await addUser(core, { login: 'shenji', displayName: '审计员', role: 'auditor' })
  await firstSignIn(core, 'shenji')
  return 'shenji'
}

async function workbookOf(data: string) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(data, 'base64') as unknown as ArrayBuffer)
  return workbook
}

/** Every cell's text of every sheet. */
function textOf(workbook: ExcelJS.Workbook): string {
  const parts: string[] = []
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.text)))),
  )
  return parts.join('\n')
}

describe('the dashboard', () => {
  it('counts over all cases for a supervisor, over their own for a mediator', async () => {
    const { closed } = await caseSet()
    const dashboard = await call(core, 'stats.dashboard', { period: MARCH, filters: {} })
    expect(dashboard.period).toEqual({ ...MARCH, asOf: '2026-03-20' })
    expect(dashboard.totals.counts).toMatchObject({
      accepted: 3,
      closed: 1,
      agreed: 1,
      onTime: 1,
      open: 2,
      followUpDue: 1,
      followedUp: 1,
    })
    expect(dashboard.totals.rates).toEqual({ agreementRate: 1, onTimeRate: 1, followUpRate: 1 })
    expect(dashboard.breakdowns.mediator.map((r) => r.label).sort()).toEqual(
      [staff.colleague.displayName, staff.mediator.displayName].sort(),
    )
    const page = await call(core, 'stats.drilldown', { period: MARCH, filters: {}, set: 'closed' })
    expect(page).toMatchObject({ total: 1, rows: [{ number: closed.number }] })
    // Nothing personal in a drill-down row.
    expect(JSON.stringify(page)).not.toContain(APPLICANT.name)

    await signInAs(core, staff.colleague.login)
    const own = await call(core, 'stats.dashboard', { period: MARCH, filters: {} })
    expect(own.totals.counts.accepted).toBe(1)
    expect(own.contracts).toEqual([])
  })

  it('gives administrators figures but no case lists', async () => {
    await caseSet()
    await signInAs(core, ADMIN.login)
    const figures = await call(core, 'stats.dashboard', { period: MARCH, filters: {} })
    expect(figures.totals.counts.accepted).toBe(3)
    const refused = await refusal(core, 'stats.drilldown', {
      period: MARCH,
      filters: {},
      set: 'accepted',
    })
    expect(refused.code).toBe('FORBIDDEN')
    expect((await refusal(core, 'reports.export', { period: MARCH, title: 'x' })).code).toBe(
      'FORBIDDEN',
    )
    expect((await refusal(core, 'exports.begin', {})).code).toBe('FORBIDDEN')
  })

  it('refuses a period that ends before it starts', async () => {
    const error = await refusal(core, 'stats.dashboard', {
      period: { from: '2026-03-31', to: '2026-03-01' },
      filters: {},
    })
    expect(error.code).toBe('VALIDATION')
  })
})

describe('service contracts', () => {
  it('are saved, shown with progress against each target, and removed', async () => {
    await caseSet()
    const [contract] = await call(core, 'contracts.save', {
      title: '2026年外滩街道人民调解服务',
      purchaser: '外滩街道办事处',
      contractNo: 'WT-2026-01',
      from: '2026-01-01',
      to: '2026-12-31',
      targets: [
        { indicator: 'accepted', value: 2 },
        { indicator: 'agreementRate', value: 90 },
        { indicator: 'closed', value: 10 },
      ],
    })
    expect(contract).toMatchObject({ purchaser: '外滩街道办事处', district: null })
    const dashboard = await call(core, 'stats.dashboard', { period: MARCH, filters: {} })
    expect(dashboard.contracts[0]?.targets).toEqual([
      { indicator: 'accepted', value: 2, actual: 3, met: true },
      { indicator: 'agreementRate', value: 90, actual: 100, met: true },
      { indicator: 'closed', value: 10, actual: 1, met: false },
    ])
    await signInAs(core, staff.mediator.login)
    expect((await refusal(core, 'contracts.save', { ...contract })).code).toBe('FORBIDDEN')
    await signInAs(core, staff.supervisor.login)
    expect(await call(core, 'contracts.remove', { id: contract?.id ?? '' })).toEqual([])
  })
})

describe('period reports', () => {
  it('export to XLSX: a sheet per table, the cases behind each figure, dates as dates', async () => {
    const { closed } = await caseSet()
    const file = await call(core, 'reports.export', { period: MARCH, title: '2026年3月统计' })
    expect(file.fileName).toBe('2026年3月统计-2026-03-01-2026-03-31.xlsx')
    const workbook = await workbookOf(file.data)
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '概要',
      '按类别',
      '按阶段',
      '按月份',
      '按区',
      '按来源',
      '按调解员',
      '案件明细',
    ])
    const summary = workbook.getWorksheet('概要')!
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect((summary.getRow(1).values as unknown[]).slice(1)).toEqual(['项目', '数值', '统计口径'])
    const accepted = summary.getColumn(1).values.indexOf('受理数')
    expect(summary.getRow(accepted).getCell(2).value).toBe(3)
    const rate = summary.getColumn(1).values.indexOf('调解成功率')
    expect(summary.getRow(rate).getCell(2).numFmt).toBe('0.0%')
    expect(summary.getRow(4).getCell(2).value).toEqual(new Date(Date.UTC(2026, 2, 1)))

    const byCategory = workbook.getWorksheet('按类别')!
    expect(byCategory.getRow(1).getCell(1).value).toBe('案件类别')
    expect(byCategory.getColumn(1).width).toBeGreaterThanOrEqual(10)

    const cases = workbook.getWorksheet('案件明细')!
    expect(cases.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const headers = cases.getRow(1).values as string[]
    expect(headers).toEqual(expect.arrayContaining(['案号', '受理日期', '结案日期', '结案数']))
    const row = cases
      .getSheetValues()
      .find((values) => Array.isArray(values) && values[1] === closed.number) as unknown[]
    expect(row[headers.indexOf('类别')]).toBe('业委会及物业纠纷')
    expect(row[headers.indexOf('受理日期')]).toEqual(new Date(Date.UTC(2026, 2, 2)))
    expect(row[headers.indexOf('结案数')]).toBe(1)
    expect(row[headers.indexOf('受理数')]).toBe(1)
    expect(cases.getColumn(headers.indexOf('案号')).width).toBeGreaterThan(16)
    expect(textOf(workbook)).not.toContain(APPLICANT.name)
  })

  it('frozen: recorded with its SHA-256, downloadable as frozen, and checked against the data', async () => {
    await caseSet()
    const frozen = await call(core, 'reports.freeze', { period: MARCH, title: '三月报表' })
    expect(frozen).toMatchObject({ title: '三月报表', asOf: '2026-03-20' })
    expect(frozen.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(await call(core, 'reports.list')).toEqual([frozen])
    const same = await call(core, 'reports.verify', { id: frozen.id })
    expect(same).toMatchObject({ unchanged: true, currentSha256: frozen.sha256, differences: [] })

    // A case registered afterwards, accepted in March, makes the report drift.
    await call(core, 'cases.create', { ...caseInput('family', staff), acceptedAt: '2026-03-18' })
    const drifted = await call(core, 'reports.verify', { id: frozen.id })
    expect(drifted.unchanged).toBe(false)
    expect(drifted.differences).toEqual(
      expect.arrayContaining([{ figure: 'totals.accepted', frozen: '3', current: '4' }]),
    )
    // The frozen report still downloads with the figures it was frozen with.
    const file = await call(core, 'reports.export', { frozenId: frozen.id })
    const summary = (await workbookOf(file.data)).getWorksheet('概要')!
    const accepted = summary.getColumn(1).values.indexOf('受理数')
    expect(summary.getRow(accepted).getCell(2).value).toBe(3)

    await signInAs(core, staff.mediator.login)
    expect((await refusal(core, 'reports.freeze', { period: MARCH, title: 'x' })).code).toBe(
      'FORBIDDEN',
    )
  })
})

type Begin = ChannelInput<'exports.begin'>
const ALL_COLUMNS: Begin['columns'] = [...ExportColumn.options]

/** Runs an export to the end as the window does: begin, next until done, finish. */
async function exportCases(input: Partial<Begin>) {
  let progress = await call(core, 'exports.begin', {
    query: {},
    format: 'xlsx',
    columns: ALL_COLUMNS,
    view: 'full',
    ...input,
  })
  const seen = [progress.done]
  while (progress.done < progress.total) {
    progress = await call(core, 'exports.next', { exportId: progress.exportId })
    seen.push(progress.done)
  }
  const file = await call(core, 'exports.finish', { exportId: progress.exportId })
  return { file, progress, seen }
}

function csvText(data: string): string {
  const bytes = Buffer.from(data, 'base64')
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  return bytes.subarray(3).toString('utf8')
}

describe('case-list export', () => {
  it('XLSX with the chosen columns, Chinese headers, dates as dates; restricted notes only when chosen', async () => {
    const { closed } = await caseSet()
    const { file, progress } = await exportCases({ query: { category: 'owners' } })
    expect(progress).toMatchObject({ done: 1, total: 1, view: 'full' })
    const workbook = await workbookOf(file.data)
    const sheet = workbook.getWorksheet('案件列表')!
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const headers = sheet.getRow(1).values as string[]
    expect(headers.slice(1, 4)).toEqual(['案号', '类别', '阶段'])
    const row = sheet.getRow(2)
    expect(row.getCell(1).value).toBe(closed.number)
    expect(row.getCell(headers.indexOf('受理日期')).value).toEqual(new Date(Date.UTC(2026, 2, 2)))
    expect(row.getCell(headers.indexOf('结案日期')).value).toBeInstanceOf(Date)
    expect(row.getCell(headers.indexOf('证件号码')).value).toBe(ID_NUMBERS.zhang)
    expect(sheet.getColumn(headers.indexOf('纠纷简要情况')).width).toBe(50)
    expect(textOf(workbook)).not.toContain(CAUCUS)

    const withCaucus = await exportCases({ query: { category: 'owners' }, includeRestricted: true })
    expect(textOf(await workbookOf(withCaucus.file.data))).toContain(CAUCUS)
  })

  it('CSV in UTF-8 with a BOM, quoted where needed', async () => {
    await caseSet()
    const { file } = await exportCases({
      format: 'csv',
      columns: ['number', 'acceptedAt', 'parties', 'records'],
      includeRestricted: true,
    })
    expect(file.fileName).toBe('案件列表-2026-03-20.csv')
    const text = csvText(file.data)
    const [header] = text.split('\r\n')
    expect(header).toBe('案号,受理日期,当事人,办理记录')
    expect(text).toContain('2026-03-02')
    expect(text).toContain(`${APPLICANT.name}（申请人）`)
    // Two records on two lines make one quoted field.
    expect(text).toMatch(/"2026-03-05 调解：[^"]*\n2026-03-06 调解：背靠背/)
  })

  it('masked and de-identified exports contain no full ID number, phone or name, on every path', async () => {
    await caseSet()
    const forbidden = [ID_NUMBERS.zhang, PHONE_DIGITS, '138 1234 5678', APPLICANT.name]
    for (const view of ['masked', 'deidentified'] as const) {
      for (const format of ['xlsx', 'csv'] as const) {
        const { file } = await exportCases({ view, format, includeRestricted: true })
        const text = format === 'csv' ? csvText(file.data) : textOf(await workbookOf(file.data))
        for (const value of forbidden) expect(text, `${view} ${format}`).not.toContain(value)
        if (view === 'masked') {
          expect(text).toContain(maskResidentId(ID_NUMBERS.zhang))
          expect(text).toContain(maskPhone(APPLICANT.phone))
          expect(text).toContain(maskName(APPLICANT.name))
        } else {
          expect(text).toContain('申请人1')
        }
      }
    }
  })

  it('auditors get masked data whatever they ask for, and never restricted notes', async () => {
    await caseSet()
    await signInAs(core, await addAuditor())
    const { file, progress } = await exportCases({ view: 'full', includeRestricted: true })
    expect(progress.view).toBe('masked')
    expect(progress.total).toBe(3)
    const text = textOf(await workbookOf(file.data))
    for (const value of [ID_NUMBERS.zhang, PHONE_DIGITS, APPLICANT.name, CAUCUS]) {
      expect(text).not.toContain(value)
    }
  })

  it('a mediator exports their own cases only; a cancelled export is gone', async () => {
    await caseSet()
    await signInAs(core, staff.colleague.login)
    const started = await call(core, 'exports.begin', {
      query: {},
      format: 'csv',
      columns: ['number'],
      view: 'full',
    })
    expect(started).toMatchObject({ done: 0, total: 1 })
    expect(await call(core, 'exports.cancel', { exportId: started.exportId })).toBeNull()
    const gone = await refusal(core, 'exports.next', { exportId: started.exportId })
    expect(gone.code).toBe('NOT_FOUND')
    // Someone else's export id is not found either.
    const mine = await call(core, 'exports.begin', {
      query: {},
      format: 'csv',
      columns: ['number'],
      view: 'full',
    })
    await signInAs(core, staff.mediator.login)
    expect((await refusal(core, 'exports.finish', { exportId: mine.exportId })).code).toBe(
      'NOT_FOUND',
    )
  })
})
