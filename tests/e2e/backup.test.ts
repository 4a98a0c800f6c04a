import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core/router'
import { zhCN as zh } from '../../src/shared/i18n/zh-CN'
import { ADMIN, ORG_NAME, setUp, tempDir } from '../support/core'
import { launchChromium, openWindow, screenshot, serveRenderer, startCore } from '../support/e2e'

/**
 * Issue 5 end to end: an administrator backs up from the 备份 page, changes data, is refused
 * a damaged archive and a wrong password, then restores the backup and sees the old data,
 * on the built renderer against the real core in its worker.
 */
const NEW_NAME = '浦江测试人民调解委员会（已改名）'

let data: ReturnType<typeof tempDir>
let folder: string
let server: Awaited<ReturnType<typeof serveRenderer>>
let core: Core
let browser: Browser
let page: Page

beforeAll(async () => {
  data = tempDir('concord-e2e-backup-')
  folder = join(data.dir, 'U盘备份')
  mkdirSync(join(data.dir, 'casebase'))
  mkdirSync(folder)
  server = await serveRenderer()
  core = startCore(join(data.dir, 'casebase'))
  await setUp(core)
  browser = await launchChromium()
  ;({ page } = await openWindow(browser, core, server.url))
})

afterAll(async () => {
  await browser?.close()
  await core?.close()
  await server?.close()
  data?.remove()
})

const SLOW = { timeout: 30_000 }

const restoreForm = () => page.getByRole('group', { name: zh.backup.restore.legend })

async function check(file: string, password: string) {
  const form = restoreForm()
  await form.getByRole('textbox', { name: zh.backup.restore.file }).fill(file)
  await form.getByRole('textbox', { name: zh.backup.restore.login }).fill(ADMIN.login)
  await form.getByLabel(zh.backup.restore.password, { exact: true }).fill(password)
  await form.getByRole('button', { name: zh.backup.restore.check }).click()
}

describe('backups from the 备份 page', () => {
  it('warns that nothing is backed up yet, then backs up to the chosen folder', async () => {
    await page.getByRole('link', { name: zh.nav.backup, exact: true }).click()
    await expect
      .poll(() => page.getByTestId('backup-warning').textContent(), SLOW)
      .toContain(zh.backup.health.notConfigured)
    await screenshot(page, 'backup-01-not-configured')

    await page.getByRole('textbox', { name: zh.backup.settings.folder }).fill(folder)
    await page.getByRole('button', { name: zh.backup.settings.save }).click()
    await page.getByRole('button', { name: zh.backup.now.button }).click()
    await expect
      .poll(() => readdirSync(folder).filter((n) => n.endsWith('.tar')).length, SLOW)
      .toBe(1)
    await expect
      .poll(() => page.getByTestId('backup-archives').textContent(), SLOW)
      .toContain(zh.backup.list.states.verified)
    await expect.poll(() => page.getByTestId('backup-warning').count(), SLOW).toBe(0)
    await screenshot(page, 'backup-02-done')
  })

  it('changes data after the backup', async () => {
    await page.getByRole('link', { name: zh.nav.settings }).click()
    const name = page.getByRole('textbox', { name: zh.settings.orgName })
    await name.fill(NEW_NAME)
    await page.getByRole('button', { name: zh.common.save }).click()
    await expect.poll(() => page.getByTestId('org-name').textContent(), SLOW).toBe(NEW_NAME)
  })

  it('refuses a damaged archive and a wrong password with clear messages', async () => {
    await page.getByRole('link', { name: zh.nav.backup, exact: true }).click()
    const [archive = ''] = readdirSync(folder)
    const bytes = readFileSync(join(folder, archive))
    const damaged = join(folder, 'concord-backup-20200101-000000.tar')
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)))

    await check(damaged, ADMIN.password)
    await expect
      .poll(() => restoreForm().getByRole('alert').textContent(), SLOW)
      .toBe(zh.errors.BACKUP_CORRUPT)
    await check(join(folder, archive), 'Not-The-Password-7')
    await expect
      .poll(() => restoreForm().getByRole('alert').textContent(), SLOW)
      .toBe(zh.errors.WRONG_CREDENTIALS)
    await expect.poll(() => page.getByTestId('backup-preview').count(), SLOW).toBe(0)
    await page.getByRole('button', { name: zh.backup.now.button }).waitFor()
    await screenshot(page, 'backup-03-refused')
  })

  it('restores the backup after a preview and a confirmation; the old data is back', async () => {
    const [archive = ''] = readdirSync(folder).filter((n) => !n.startsWith('concord-backup-2020'))
    await check(join(folder, archive), ADMIN.password)
    const preview = page.getByTestId('backup-preview')
    await expect.poll(() => preview.textContent(), SLOW).toContain(ORG_NAME)
    await screenshot(page, 'backup-04-preview')
    await preview.getByRole('button', { name: zh.backup.restore.start }).click()
    await page.getByRole('button', { name: zh.backup.restore.confirm }).click()

    await expect
      .poll(() => page.getByRole('button', { name: zh.login.submit }).isVisible(), {
        timeout: 60_000,
      })
      .toBe(true)
    await page.getByLabel(zh.login.login).fill(ADMIN.login)
    await page.getByLabel(zh.login.password, { exact: true }).fill(ADMIN.password)
    await page.getByRole('button', { name: zh.login.submit }).click()
    await expect.poll(() => page.getByTestId('org-name').textContent(), SLOW).toBe(ORG_NAME)
    await page.getByRole('link', { name: zh.nav.backup, exact: true }).click()
    // The restored case base knows the archive it came from: verified, no warning.
    await expect
      .poll(() => page.getByTestId('backup-archives').textContent(), SLOW)
      .toContain(`${archive}2026`)
    await expect
      .poll(() => page.getByTestId('backup-archives').textContent(), SLOW)
      .toContain(zh.backup.list.states.verified)
    await expect.poll(() => page.getByTestId('backup-warning').count(), SLOW).toBe(0)
    await screenshot(page, 'backup-05-restored')
    // The replaced case base was saved first.
    const safety = readdirSync(join(data.dir, 'casebase', 'safety'))
    expect(safety.some((name) => name.endsWith('.tar'))).toBe(true)
  })
})
