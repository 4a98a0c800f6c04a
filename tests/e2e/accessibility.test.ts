import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core/router'
import type { Channel, ChannelInput } from '../../src/shared/contract'
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
 * Issue 8 item 7: axe-core on every main screen of the built renderer finds no serious or
 * critical violation, and the main flow — sign in, find a case, read its tabs, lock — works
 * with the keyboard alone.
 */
// Evaluated through the debugging protocol: the app's CSP rightly refuses an injected <script>.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const PASSWORD = E2E.admin.password
const OWN = E2E.ownPassword

let data: ReturnType<typeof tempDir>
let server: Awaited<ReturnType<typeof serveRenderer>>
let core: Core
let browser: Browser
let page: Page
let caseNumber = ''
let caseId = ''

const call = <C extends Channel>(channel: C, payload?: ChannelInput<C>) =>
  callCore(core, channel, payload)

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

/** The serious and critical violations axe finds on what the page shows now. */
async function axe(p: Page): Promise<string[]> {
  await p.evaluate(AXE)
  const violations = await p.evaluate(async () => {
    const run = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe
      .run
    return (await run()).violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`,
    )
}

beforeAll(async () => {
  data = tempDir('concord-e2e-a11y-')
  server = await serveRenderer()
  core = startCore(data.dir)
  const ids = await setUpOrganization(core, [
    { displayName: '司马主管', login: 'sima', role: 'supervisor' },
  ])
  const created = await call('cases.create', {
    source: 'application',
    summary: '邻里因噪音纠纷申请调解',
    district: 'changning',
    street: '江苏路街道',
    leadMediatorId: ids.sima ?? '',
    coMediatorIds: [],
    riskLevel: 'medium',
    acceptedAt: '2026-11-20',
    details: { category: 'owners', estate: '江苏路花园' },
  })
  caseNumber = created.number
  caseId = created.id
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

describe('keyboard alone', () => {
  it('signs in, finds a case, reads its tabs and locks', async () => {
    const login = page.getByLabel(zh.login.login)
    await login.waitFor({ timeout: 30_000 })
    expect(await axe(page)).toEqual([])
    await login.focus()
    await page.keyboard.type('sima')
    await page.keyboard.press('Tab')
    await page.keyboard.type(OWN)
    await page.keyboard.press('Enter')
    await page.getByRole('navigation').waitFor({ timeout: 30_000 })

    await page.keyboard.press('Control+k')
    await page.keyboard.type(caseNumber)
    await page.waitForTimeout(600)
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.getByRole('heading', { level: 2, name: caseNumber }).isVisible())
      .toBe(true)

    await page.getByRole('tab', { name: zh.caseFile.tab.overview }).focus()
    await page.keyboard.press('ArrowRight')
    await expect
      .poll(() =>
        page.getByRole('tab', { name: zh.caseFile.tab.parties }).getAttribute('aria-selected'),
      )
      .toBe('true')

    await page.getByRole('button', { name: zh.user.menu }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('menuitem', { name: zh.user.lockNow }).waitFor()
    await page.keyboard.press('ArrowDown')
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '')
    if (!focused.includes(zh.user.lockNow)) {
      await page.getByRole('menuitem', { name: zh.user.lockNow }).focus()
    }
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: zh.login.submit }).waitFor()
  })
})

describe('axe-core on every main screen', () => {
  const screens: [string, string][] = [
    ['cases', '#/cases'],
    ['case-overview', `#/cases/{id}?tab=overview`],
    ['case-parties', `#/cases/{id}?tab=parties`],
    ['case-timeline', `#/cases/{id}?tab=timeline`],
    ['case-file', `#/cases/{id}?tab=file`],
    ['case-clocks', `#/cases/{id}?tab=clocks`],
    ['case-documents', `#/cases/{id}?tab=documents`],
    ['new-case', '#/cases/new'],
    ['deadlines', '#/deadlines'],
    ['statistics', '#/statistics'],
    ['privacy', '#/privacy'],
    ['audit', '#/audit'],
    ['settings', '#/settings'],
  ]

  it('signs in as a supervisor', async () => {
    await page.getByLabel(zh.login.login).fill('sima')
    await page.getByLabel(zh.login.password, { exact: true }).fill(OWN)
    await page.getByRole('button', { name: zh.login.submit }).click()
    await page.getByRole('navigation').waitFor({ timeout: 30_000 })
  })

  it.each(screens)('%s', async (name, hash) => {
    await page.goto(`${server.url}${hash.replace('{id}', caseId)}`)
    await page.getByRole('heading', { level: 2 }).first().waitFor({ timeout: 30_000 })
    await page.waitForTimeout(500)
    await screenshot(page, `90-a11y-${name}`)
    expect(await axe(page)).toEqual([])
  })
})

describe('axe-core on the administrator’s screens', () => {
  it('signs in as the administrator', async () => {
    await page.goto(`${server.url}#/settings`)
    await page.getByRole('button', { name: zh.user.menu }).click()
    await page.getByRole('menuitem', { name: zh.user.lockNow }).click()
    await page.getByLabel(zh.login.login).fill('admin')
    await page.getByLabel(zh.login.password, { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: zh.login.submit }).click()
    await page.getByRole('navigation').waitFor({ timeout: 30_000 })
  })

  it.each([
    ['admin-backup', '#/backup'],
    ['admin-accounts', '#/accounts'],
    ['admin-audit', '#/audit'],
    ['admin-statistics', '#/statistics'],
  ])('%s', async (name, hash) => {
    await page.goto(`${server.url}${hash}`)
    await page.getByRole('heading', { level: 2 }).first().waitFor({ timeout: 30_000 })
    await page.waitForTimeout(500)
    await screenshot(page, `90-a11y-${name}`)
    expect(await axe(page)).toEqual([])
  })
})
