import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedCaseBase } from '../../src/main/core/demo/seed'
import type { Core } from '../../src/main/core/router'
import { zhCN as zh } from '../../src/shared/i18n/zh-CN'
import { TEST_SCRYPT_COST, tempDir } from '../support/core'
import { launchChromium, openWindow, screenshot, serveRenderer, startCore } from '../support/e2e'

/**
 * Issue 7 end to end: a seeded demo case base in the built worker, the virtualized list paging
 * by keyset, and Ctrl+K full-text search with marked snippets.
 */
const PASSWORD = 'Yanshi-Mima-2026'

let data: ReturnType<typeof tempDir>
let server: Awaited<ReturnType<typeof serveRenderer>>
let core: Core
let browser: Browser
let page: Page

beforeAll(async () => {
  data = tempDir('concord-e2e-search-')
  await seedCaseBase(data.dir, {
    cases: 400,
    seed: 11,
    password: PASSWORD,
    today: '2026-11-20',
    scryptCost: TEST_SCRYPT_COST,
  })
  server = await serveRenderer()
  core = startCore(data.dir)
  const unlocked = await core.handle({
    channel: 'auth.unlock',
    payload: { login: 'zhuguan1', password: PASSWORD },
  })
  expect(unlocked.ok).toBe(true)
  browser = await launchChromium()
  ;({ page } = await openWindow(browser, core, server.url))
})

afterAll(async () => {
  await browser?.close()
  await core?.close()
  await server?.close()
  data?.remove()
})

describe('search and the list on a demo case base', () => {
  it('lists 400 cases and loads the next keyset page', async () => {
    await page.goto(`${server.url}#/cases`)
    await expect.poll(() => page.getByTestId('case-count').textContent()).toBe('共 400 件')
    await screenshot(page, '70-case-list-demo')
    await page.getByRole('button', { name: '加载更多（已显示 100 / 400）' }).click()
    await page.getByRole('button', { name: '加载更多（已显示 200 / 400）' }).waitFor()
  })

  it('finds two-character words in records and summaries with Ctrl+K, marked', async () => {
    await page.keyboard.press('Control+k')
    const find = page.getByRole('textbox', { name: zh.cases.quickFind.title })
    await find.fill('噪音')
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.locator('mark').count()).toBeGreaterThan(2)
    expect(await dialog.locator('mark').first().textContent()).toBe('噪音')
    await screenshot(page, '71-quick-find-search')
    await find.fill('补偿款')
    await expect.poll(() => dialog.locator('mark').first().textContent()).toBe('补偿款')
    await find.press('Enter')
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().isVisible()).toBe(true)
  })
})
