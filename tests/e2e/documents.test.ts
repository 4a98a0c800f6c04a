import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCoreWorker } from '../../src/main/core/client'
import type { Core } from '../../src/main/core/router'
import type { Channel, ChannelInput } from '../../src/shared/contract'
import { residentIdCheckCharacter } from '../../src/shared/domain/resident-id'
import { zhCN as zh } from '../../src/shared/i18n/zh-CN'
import { tempDir } from '../support/core'
import {
  callCore,
  launchChromium,
  OUT,
  openWindow,
  screenshot,
  serveRenderer,
  setUpOrganization,
} from '../support/e2e'
import { chromiumPdfRenderer, docxText, pdfText } from '../support/pdf'

/**
 * Issue 6 end to end: the agreement's content typed in the 文书 tab, the 调解协议书 downloaded as
 * DOCX and the bound 卷宗 as PDF, each opened and read back. The core runs in the built worker
 * and prints through the worker→host PDF bridge to Chromium, as it prints through Electron's
 * printToPDF in the app.
 */
const MEDIATOR = { login: 'zhuge', displayName: '诸葛调解', role: 'mediator' as const }
const FIRST17 = '31010419850315012'
const RESIDENT_ID = FIRST17 + residentIdCheckCharacter(FIRST17)

let data: ReturnType<typeof tempDir>
let server: Awaited<ReturnType<typeof serveRenderer>>
let core: Core
let browser: Browser
let page: Page
let caseId = ''
let caseNumber = ''

const call = <C extends Channel>(channel: C, payload?: ChannelInput<C>) =>
  callCore(core, channel, payload)

async function setUp() {
  const mediator = { id: (await setUpOrganization(core, [MEDIATOR]))[MEDIATOR.login] ?? '' }
  let file = await call('cases.create', {
    source: 'application',
    summary: '业主与物业公司因停车费发生纠纷',
    district: 'changning',
    street: '江苏路街道',
    leadMediatorId: mediator.id,
    coMediatorIds: [],
    riskLevel: 'low',
    acceptedAt: '2026-11-02',
    details: { category: 'owners', estate: '江苏路花园' },
  })
  const write = async <C extends 'parties.add' | 'timeline.add' | 'cases.update'>(
    channel: C,
    rest: Omit<ChannelInput<C>, 'caseId' | 'version'>,
  ) => {
    file = (await call(channel, {
      caseId: file.id,
      version: file.version,
      ...rest,
    } as ChannelInput<C>)) as typeof file
  }
  await write('parties.add', {
    party: {
      kind: 'person',
      name: '上官文静',
      role: 'applicant',
      idType: 'residentId',
      idNumber: RESIDENT_ID,
      phone: '13912345678',
      legalBasis: 'consent',
    },
  })
  await write('parties.add', {
    party: {
      kind: 'organization',
      name: '江苏路物业管理有限公司',
      role: 'respondent',
      legalBasis: 'consent',
    },
  })
  await write('timeline.add', {
    entry: {
      kind: 'session',
      occurredAt: '2026-11-10T14:00',
      place: '江苏路街道调解室',
      attendees: ['上官文静', '物业公司经理'],
      body: '双方就停车费标准交换意见，物业公司同意退还多收部分。',
    },
  })
  await write('cases.update', {
    patch: { progress: { rightsNotifiedAt: '2026-11-03', performanceDeadline: '2026-12-31' } },
  })
  caseId = file.id
  caseNumber = file.number
}

beforeAll(async () => {
  data = tempDir('concord-e2e-documents-')
  server = await serveRenderer()
  browser = await launchChromium()
  core = startCoreWorker(join(OUT, 'main', 'worker.js'), {
    dataDir: data.dir,
    pdf: await chromiumPdfRenderer(browser),
  })
  await setUp()
  ;({ page } = await openWindow(browser, core, server.url))
  await page.getByRole('link', { name: zh.cases.new }).waitFor({ timeout: 30_000 })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await core?.close()
  await server?.close()
  data?.remove()
})

async function downloaded(click: () => Promise<void>): Promise<Uint8Array> {
  const download = page.waitForEvent('download', { timeout: 120_000 })
  await click()
  return new Uint8Array(readFileSync((await (await download).path())!))
}

describe('documents from the 文书 tab', () => {
  it('the agreement: content typed in the editor, downloaded as DOCX with everything Art. 29 asks', async () => {
    await page.goto(`${server.url}#/cases/${caseId}?tab=documents`)
    await page.getByRole('table', { name: zh.caseFile.tab.documents }).waitFor({ timeout: 30_000 })
    await expect
      .poll(() =>
        page.getByRole('button', { name: `${zh.documents.kind.agreement} DOCX` }).isDisabled(),
      )
      .toBe(true)
    await screenshot(page, '60-documents-tab')

    await page.getByRole('button', { name: zh.documents.agreement.edit }).click()
    const dialog = page.getByRole('dialog')
    await dialog
      .getByLabel(zh.documents.agreement.facts)
      .fill('物业公司自2026年1月起按每月600元收取停车费，业主认为应为每月400元。')
    await dialog.getByLabel(zh.documents.agreement.issues).fill('停车费标准及多收部分的退还。')
    await dialog
      .getByLabel(zh.documents.agreement.content)
      .fill('物业公司向上官文静退还多收停车费人民币贰仟元')
    await dialog.getByLabel(zh.documents.agreement.method).fill('现金当面支付')
    await dialog.getByLabel(zh.documents.agreement.deadline).fill('2026-12-15')
    await dialog.getByRole('button', { name: zh.documents.agreement.addTerm }).click()
    await dialog
      .getByLabel(zh.documents.agreement.content)
      .nth(1)
      .fill('自2027年1月起停车费按每月400元收取')
    await dialog.getByLabel(zh.documents.agreement.signedAt).fill('2026-11-20')
    await screenshot(page, '61-agreement-editor')
    await dialog.getByRole('button', { name: zh.common.save }).click()
    await dialog.waitFor({ state: 'hidden' })

    const agreementDocx = page.getByRole('button', { name: `${zh.documents.kind.agreement} DOCX` })
    await expect.poll(() => agreementDocx.isEnabled(), { timeout: 30_000 }).toBe(true)
    const bytes = await downloaded(() => agreementDocx.click())
    const text = await docxText(bytes)
    for (const expected of [
      '人民调解协议书',
      caseNumber,
      '申请人：上官文静，女',
      `居民身份证号码：${RESIDENT_ID}`,
      '被申请人：江苏路物业管理有限公司',
      '停车费标准及多收部分的退还',
      '履行方式：现金当面支付；履行期限：2026年12月15日前履行完毕',
      '自2027年1月起停车费按每月400元收取。履行期限：2026年12月31日前履行完毕',
      '人民调解员：诸葛调解',
      '长宁区江苏路街道人民调解委员会',
      '2026年11月20日',
    ]) {
      expect(text).toContain(expected)
    }
  }, 180_000)

  it('the bound case file as PDF, and a masked summary', async () => {
    const binder = await downloaded(() =>
      page.getByRole('button', { name: `${zh.documents.kind.caseFile} PDF` }).click(),
    )
    const pages = pdfText(binder).split('\f')
    expect(pages[0]).toContain('人民调解卷宗')
    expect(pages[0]).toContain(caseNumber)
    expect(pages[1]).toContain('卷内目录')
    expect(pages.join('')).toContain('备考表')
    const all = pages.join('\n').replace(/\s+/g, '')
    for (const expected of ['人民调解申请书', '人民调解笔录', '人民调解协议书', '退还多收停车费']) {
      expect(all).toContain(expected)
    }

    await page.getByText(zh.documents.viewOption.masked, { exact: true }).first().click()
    const summary = await downloaded(() =>
      page.getByRole('button', { name: `${zh.documents.kind.caseSummary} PDF` }).click(),
    )
    const text = pdfText(summary).replace(/\s+/g, '')
    expect(text).toContain('案件摘要')
    expect(text).toContain('上**')
    expect(text).not.toContain('上官文静')
    expect(text).not.toContain(RESIDENT_ID)
    expect(text).not.toContain('13912345678')
    await screenshot(page, '62-documents-generated')
  }, 240_000)
})
