import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core/router'
import { zhCN as zh } from '../../src/shared/i18n/zh-CN'
import { tempDir } from '../support/core'
import {
  launchChromium,
  openWindow,
  screenshot,
  serveRenderer,
  startCore,
  setUpOrganization,
} from '../support/e2e'
import { csvText, encodeGbk, ledgerRow, xlsxLedger } from '../support/ledger'

/**
 * Issue 5 item 5 end to end: a supervisor imports an Excel ledger whose dry run finds a bad
 * resident ID, chooses the corrected file and imports it; then a GBK-encoded CSV ledger as
 * Excel on Chinese Windows saves it. The imported cases appear in the case list.
 */
const SUPERVISOR = { login: 'sima', displayName: '司马主管', role: 'supervisor' as const }
const MEDIATOR = { login: 'zhuge', displayName: '诸葛调解', role: 'mediator' as const }

let data: ReturnType<typeof tempDir>
let server: Awaited<ReturnType<typeof serveRenderer>>
let core: Core
let browser: Browser
let page: Page

beforeAll(async () => {
  data = tempDir('concord-e2e-import-')
  server = await serveRenderer()
  core = startCore(data.dir)
  await setUpOrganization(core, [MEDIATOR, SUPERVISOR], '黄浦区外滩街道人民调解委员会')
  browser = await launchChromium()
  ;({ page } = await openWindow(browser, core, `${server.url}#/cases`))
  await page.getByRole('button', { name: zh.ledgerImport.open }).waitFor({ timeout: 60_000 })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await core?.close()
  await server?.close()
  data?.remove()
})

async function chooseFile(name: string, buffer: Buffer, button: string) {
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('dialog').getByRole('button', { name: button }).click()
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer })
}

const dialog = () => page.getByRole('dialog', { name: zh.ledgerImport.title })

describe('importing a case ledger', () => {
  it('shows the dry run problems, takes the corrected file and imports it', async () => {
    const rows = [1, 2, 3].map((n) => ledgerRow(n))
    const bad = [...rows.slice(0, 2), ledgerRow(3, { 申请人身份证号: '310101198001011235' })]
    const title = { title: '2024年外滩街道矛盾纠纷调解台账' }

    await page.getByRole('button', { name: zh.ledgerImport.open }).click()
    await chooseFile(
      '2024年台账.xlsx',
      Buffer.from(await xlsxLedger(bad, title)),
      zh.ledgerImport.file.choose,
    )
    await dialog().getByRole('button', { name: zh.ledgerImport.mapping.next }).waitFor()
    await screenshot(page, 'import-1-mapping')

    await dialog().getByRole('button', { name: zh.ledgerImport.mapping.next }).click()
    const table = dialog().getByTestId('import-problem-table')
    await table.waitFor({ timeout: 30_000 })
    const cells = await table.getByRole('cell').allTextContents()
    expect(cells).toEqual([
      '5',
      zh.ledgerImport.field.party1IdNumber,
      zh.ledgerImport.problem.residentId.checksum,
      '310101198001011235',
    ])
    await screenshot(page, 'import-2-problems')

    await chooseFile(
      '2024年台账（改）.xlsx',
      Buffer.from(await xlsxLedger(rows, title)),
      zh.ledgerImport.check.chooseCorrected,
    )
    await dialog().getByRole('button', { name: zh.ledgerImport.mapping.next }).click()
    await dialog().getByTestId('import-clean').waitFor({ timeout: 30_000 })
    await dialog().getByRole('button', { name: '导入 3 件案件' }).click()
    await dialog().getByTestId('import-done').waitFor({ timeout: 60_000 })
    await screenshot(page, 'import-3-done')
    await dialog().getByRole('button', { name: zh.ledgerImport.commit.close }).click()

    for (const number of ['TZ-2024-001', 'TZ-2024-002', 'TZ-2024-003']) {
      await page.getByText(number).waitFor({ timeout: 30_000 })
    }
  }, 180_000)

  it('imports a GBK-encoded CSV ledger cleanly', async () => {
    const rows = [
      ledgerRow(11, { 申请人: '欧阳娜娜', 案件类别: '物业', 所在区: '徐汇' }),
      ledgerRow(12, { 案件编号: null, 主办调解员: 'sima', 办理状态: '已结案' }),
    ]
    await page.getByRole('button', { name: zh.ledgerImport.open }).click()
    await chooseFile('台账.csv', Buffer.from(encodeGbk(csvText(rows))), zh.ledgerImport.file.choose)
    await dialog().getByText('GB18030', { exact: false }).waitFor()
    await dialog().getByRole('button', { name: zh.ledgerImport.mapping.next }).click()
    await dialog().getByTestId('import-clean').waitFor({ timeout: 30_000 })
    await dialog().getByRole('button', { name: '导入 2 件案件' }).click()
    await dialog().getByTestId('import-done').waitFor({ timeout: 60_000 })
    await dialog().getByRole('button', { name: zh.ledgerImport.commit.close }).click()

    await page.getByText('TZ-2024-011').waitFor({ timeout: 30_000 })
    await page.getByText('〔2024〕家调字第0004号').waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('case-count').textContent()).toContain('5')
    await screenshot(page, 'import-4-case-list')
  }, 180_000)
})
