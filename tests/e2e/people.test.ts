import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core/router'
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/contract'
import { residentIdCheckCharacter } from '../../src/shared/domain/resident-id'
import { zhCN as zh } from '../../src/shared/i18n/zh-CN'
import { tempDir } from '../support/core'
import {
  E2E,
  callCore,
  launchChromium,
  openWindow,
  screenshot,
  serveRenderer,
  startCore,
  setUpOrganization,
} from '../support/e2e'

/**
 * Issue 4 end to end, in Chromium against the real core: record-level access (a mediator
 * cannot reach a colleague's case by list, search or address), the auditor's masked read-only
 * view, and the retention page. Accounts are created in the accounts screen by
 * tests/e2e/accounts.test.ts and the audit trail is browsed in tests/e2e/audit.test.ts.
 */
const PASSWORD = E2E.admin.password
const OWN = E2E.ownPassword
const USERS = {
  supervisor: { login: 'sima', displayName: '司马主管', role: 'supervisor' as const },
  mediator: { login: 'zhuge', displayName: '诸葛调解', role: 'mediator' as const },
  colleague: { login: 'shangguan', displayName: '上官同事', role: 'mediator' as const },
  auditor: { login: 'pinggu', displayName: '评估专员', role: 'auditor' as const },
}
const FIRST17 = '31010419850315012'
const RESIDENT_ID = FIRST17 + residentIdCheckCharacter(FIRST17)
const HIDDEN_NAME = '慕容不见'

let data: ReturnType<typeof tempDir>
let server: Awaited<ReturnType<typeof serveRenderer>>
let core: Core
let browser: Browser
let page: Page
const ids: Record<string, string> = {}
let mine: ChannelOutput<'cases.get'>
let theirs: ChannelOutput<'cases.get'>

const call = <C extends Channel>(channel: C, payload?: ChannelInput<C>) =>
  callCore(core, channel, payload)

async function signIn(p: Page, login: string, password: string) {
  await p.goto(`${server.url}#/cases`)
  await p.getByLabel(zh.login.login).fill(login)
  await p.getByLabel(zh.login.password, { exact: true }).fill(password)
  await p.getByRole('button', { name: zh.login.submit }).click()
  await p.getByRole('navigation').waitFor({ timeout: 30_000 })
}

async function lock(p: Page) {
  await p.getByRole('button', { name: zh.user.menu }).click()
  await p.getByRole('menuitem', { name: zh.user.lockNow }).click()
  await p.getByRole('button', { name: zh.login.submit }).waitFor()
}

beforeAll(async () => {
  data = tempDir('concord-e2e-people-')
  server = await serveRenderer()
  core = startCore(data.dir)
  const accounts = await setUpOrganization(core, Object.values(USERS))
  for (const [key, user] of Object.entries(USERS)) ids[key] = accounts[user.login] ?? ''
  await call('auth.unlock', { login: USERS.mediator.login, password: OWN })
  const created = await call('cases.create', {
    source: 'policeReferral',
    summary: '上官文静与丈夫因家务争执，派出所移交调解',
    district: 'changning',
    street: '江苏路街道',
    leadMediatorId: ids.mediator!,
    coMediatorIds: [],
    riskLevel: 'high',
    acceptedAt: '2026-11-20',
    details: {
      category: 'family',
      relationship: 'spouses',
      safetyPlan: '上官文静暂住其母家',
      incidents: [
        {
          at: '2026-11-18',
          description: '丈夫推搡上官文静',
          injuries: false,
          policeCalled: true,
          childrenWitnessed: false,
        },
      ],
    },
  })
  mine = await call('parties.add', {
    caseId: created.id,
    version: created.version,
    party: {
      kind: 'person',
      name: '上官文静',
      role: 'applicant',
      idType: 'residentId',
      idNumber: RESIDENT_ID,
      phone: '13912345678',
      address: '上海市长宁区江苏路100弄5号',
      legalBasis: 'consent',
      sensitiveConsent: true,
    },
  })
  mine = await call('timeline.add', {
    caseId: mine.id,
    version: mine.version,
    entry: {
      kind: 'session',
      occurredAt: '2026-11-21T10:00',
      restricted: true,
      body: '背靠背：上官文静表示仍愿和好',
    },
  })
  await call('auth.unlock', { login: USERS.colleague.login, password: OWN })
  const other = await call('cases.create', {
    source: 'application',
    summary: '业主与物业因停车费纠纷',
    district: 'changning',
    street: '华阳路街道',
    leadMediatorId: ids.colleague!,
    coMediatorIds: [],
    riskLevel: 'low',
    acceptedAt: '2026-11-21',
    details: { category: 'owners', estate: '华阳花园' },
  })
  theirs = await call('parties.add', {
    caseId: other.id,
    version: other.version,
    party: { kind: 'person', name: HIDDEN_NAME, role: 'applicant', legalBasis: 'consent' },
  })
  await call('auth.lock')
  browser = await launchChromium()
  ;({ page } = await openWindow(browser, core, server.url))
})

afterAll(async () => {
  await browser?.close()
  await core?.close()
  await server?.close()
  data?.remove()
})

describe('record-level access', () => {
  it('shows a mediator only their own cases, in the list and in quick find', async () => {
    await signIn(page, USERS.mediator.login, OWN)
    await expect.poll(() => page.getByText(mine.number).first().isVisible()).toBe(true)
    expect(await page.getByText(theirs.number).count()).toBe(0)
    await page.getByLabel(zh.cases.filter.text).fill(HIDDEN_NAME)
    await expect.poll(() => page.getByTestId('case-count').innerText()).toContain('0')
    await page.keyboard.press('Control+k')
    await page.keyboard.type(HIDDEN_NAME)
    await page.waitForTimeout(800)
    expect(await page.getByRole('dialog').getByText(theirs.number).count()).toBe(0)
    await page.keyboard.press('Escape')
    await screenshot(page, '40-mediator-own-cases')
  })

  it('answers a colleague’s case opened by its address as not found', async () => {
    await page.goto(`${server.url}#/cases/${theirs.id}`)
    await expect.poll(() => page.getByText(zh.errors.NOT_FOUND).isVisible()).toBe(true)
    expect(await page.getByText(HIDDEN_NAME).count()).toBe(0)
    await screenshot(page, '41-colleague-case-not-found')
    await lock(page)
  })
})

describe('the auditor', () => {
  it('reads a case masked, with the sensitive parts named as withheld and nothing editable', async () => {
    await signIn(page, USERS.auditor.login, OWN)
    await page.goto(`${server.url}#/cases/${mine.id}?tab=parties`)
    await expect.poll(() => page.getByText(zh.privacy.maskedView.title).isVisible()).toBe(true)
    await expect.poll(() => page.getByText('上***').first().isVisible()).toBe(true)
    expect(await page.getByText('139****5678').isVisible()).toBe(true)
    const body = await page.locator('body').innerText()
    for (const value of [
      '上官文静',
      RESIDENT_ID,
      '13912345678',
      '江苏路100弄',
      '仍愿和好',
      '推搡',
    ]) {
      expect(body).not.toContain(value)
    }
    expect(body).toContain(zh.privacy.withheld.caucusNotes)
    expect(body).toContain(zh.privacy.withheld.familySafety)
    expect(await page.getByRole('button', { name: zh.parties.add }).isDisabled()).toBe(true)
    await screenshot(page, '42-auditor-masked-case')
    await lock(page)
  })
})

describe('retention and anonymization', () => {
  it('lets the administrator set retention periods on the personal data page', async () => {
    await signIn(page, 'admin', PASSWORD)
    await page.goto(`${server.url}#/privacy`)
    const family = page.getByLabel(zh.workflow.category.family)
    await family.fill('10')
    await page.getByRole('button', { name: zh.common.save }).click()
    await expect.poll(() => page.getByText(zh.privacy.page.saved).isVisible()).toBe(true)
    await screenshot(page, '43-privacy-retention')
    const policies = await call('retention.get')
    expect(policies.find((p) => p.category === 'family')?.years).toBe(10)
    await lock(page)
  })
})
