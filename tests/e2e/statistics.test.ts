import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core/router'
import type { Channel, ChannelInput } from '../../src/shared/contract'
import { todayInChina } from '../../src/shared/domain/iso-date'
import { zhCN as zh } from '../../src/shared/i18n/zh-CN'
import { tempDir } from '../support/core'
import {
  callCore,
  launchChromium,
  openWindow,
  screenshot,
  serveRenderer,
  startCore,
  setUpOrganization,
} from '../support/e2e'

/**
 * Issue 6 end to end: the 统计 dashboard on three cases accepted this month, a drill-down, a
 * period report exported from the UI and opened with exceljs, the report frozen and checked,
 * and the case list exported to CSV from the cases page.
 */
const SUPERVISOR = { login: 'sima', displayName: '司马主管', role: 'supervisor' as const }
const MEDIATOR = { login: 'zhuge', displayName: '诸葛调解', role: 'mediator' as const }

let data: ReturnType<typeof tempDir>
let server: Awaited<ReturnType<typeof serveRenderer>>
let core: Core
let browser: Browser
let page: Page
const numbers: string[] = []
const today = todayInChina()

const call = <C extends Channel>(channel: C, payload?: ChannelInput<C>) =>
  callCore(core, channel, payload)

async function setUp() {
  const ids = await setUpOrganization(core, [MEDIATOR, SUPERVISOR])
  for (const [district, details] of [
    ['changning', { category: 'family' }],
    ['changning', { category: 'owners', estate: '江苏路花园' }],
    ['xuhui', { category: 'petition' }],
  ] as const) {
    const file = await call('cases.create', {
      source: 'application',
      summary: '邻里纠纷，双方同意调解',
      district,
      street: '江苏路街道',
      leadMediatorId: ids[MEDIATOR.login]!,
      coMediatorIds: [],
      riskLevel: 'low',
      acceptedAt: today,
      details: details as ChannelInput<'cases.create'>['details'],
    })
    numbers.push(file.number)
  }
}

beforeAll(async () => {
  data = tempDir('concord-e2e-statistics-')
  server = await serveRenderer()
  core = startCore(data.dir)
  await setUp()
  browser = await launchChromium()
  ;({ page } = await openWindow(browser, core, server.url))
  page.on('dialog', (dialog) => void dialog.accept())
  await page.getByRole('link', { name: zh.nav.statistics }).waitFor({ timeout: 30_000 })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await core?.close()
  await server?.close()
  data?.remove()
})

async function downloaded(click: () => Promise<void>): Promise<Buffer> {
  const download = page.waitForEvent('download', { timeout: 120_000 })
  await click()
  return readFileSync((await (await download).path())!)
}

describe('statistics', () => {
  it('the dashboard shows this month’s figures and drills down to the cases', async () => {
    await page.getByRole('link', { name: zh.nav.statistics }).click()
    const accepted = page.getByRole('button', { name: `${zh.stats.figure.accepted} 3` })
    await accepted.waitFor({ timeout: 60_000 })
    await page
      .getByRole('region', { name: zh.stats.chart.byCategory })
      .locator('svg.recharts-surface')
      .first()
      .waitFor()
    await screenshot(page, 'statistics-dashboard')
    await accepted.click()
    const dialog = page.getByRole('dialog')
    for (const number of numbers) await dialog.getByRole('link', { name: number }).waitFor()
    await dialog.getByText('受理数：3 件').waitFor()
    await screenshot(page, 'statistics-drilldown')
    await page.keyboard.press('Escape')
  }, 120_000)

  it('a period report exported from the UI opens in Excel with its sheets, figures and cases', async () => {
    await page.getByLabel(zh.stats.report.title).fill('江苏路街道月度统计')
    const bytes = await downloaded(() =>
      page.getByRole('button', { name: zh.stats.report.export }).click(),
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['概要', '按类别', '按月份', '按调解员', '案件明细']),
    )
    const summary = workbook.getWorksheet('概要')!
    expect(summary.getRow(1).getCell(1).value).toBe('项目')
    expect(summary.getRow(2).getCell(2).value).toBe('江苏路街道月度统计')
    const accepted = summary.getColumn(1).values.indexOf('受理数')
    expect(summary.getRow(accepted).getCell(2).value).toBe(3)
    const cases = workbook.getWorksheet('案件明细')!
    expect(cases.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const headers = cases.getRow(1).values as unknown[]
    const row = cases.getRow(2)
    expect(numbers).toContain(row.getCell(headers.indexOf('案号')).value)
    expect(row.getCell(headers.indexOf('受理日期')).value).toBeInstanceOf(Date)
    expect(row.getCell(headers.indexOf('承办调解员')).value).toBe(MEDIATOR.displayName)
  }, 120_000)

  it('a frozen report is listed and checks as unchanged', async () => {
    await page.getByRole('button', { name: zh.stats.report.freeze }).click()
    const frozen = page.getByTestId('frozen-reports')
    await frozen.getByText('江苏路街道月度统计').waitFor({ timeout: 60_000 })
    await frozen.getByRole('button', { name: zh.stats.report.verify }).click()
    await page.getByText(zh.stats.report.unchanged).waitFor({ timeout: 60_000 })
    await screenshot(page, 'statistics-frozen')
  }, 120_000)

  it('the case list exports to CSV (UTF-8 with BOM) from the cases page', async () => {
    await page.getByRole('link', { name: zh.nav.cases }).click()
    await page.getByRole('button', { name: zh.stats.export.button, exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('CSV').click()
    await dialog.getByText(zh.stats.export.viewMasked).click()
    await screenshot(page, 'cases-export')
    const bytes = await downloaded(() =>
      dialog.getByRole('button', { name: zh.stats.export.start }).click(),
    )
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n')
    expect(lines[0]).toBe('案号,类别,阶段,来源,区,受理日期,结案日期,承办调解员,当事人')
    expect(lines).toHaveLength(4)
    for (const number of numbers) expect(lines.some((l) => l.startsWith(number))).toBe(true)
    await dialog.getByText('已导出 3 件', { exact: false }).waitFor()
  }, 120_000)
})
