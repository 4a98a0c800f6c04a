import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve, sep } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startCoreWorker } from '../../src/main/core/client'
import type { Core } from '../../src/main/core/router'
import { CONTENT_SECURITY_POLICY } from '../../src/main/shell/csp'
import { buildApi } from '../../src/shared/api'
import {
  CHANNELS,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
} from '../../src/shared/contract'

/**
 * End-to-end harness (DESIGN.md §5): the built renderer served on loopback, driven in Debian's
 * Chromium, with `window.concord` built by the same buildApi() the preload uses and answered
 * by the real core running in the built worker bundle (out/main/worker.js), exactly as the
 * Electron main process runs it.
 */
export const OUT = resolve('out')
export const SHOTS = resolve('test-results/screens')

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

export async function serveRenderer(
  dir = join(OUT, 'renderer'),
): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(join(dir, 'index.html'))) throw new Error('Build the app first: npm run build')
  const root = resolve(dir)
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = resolve(root, `.${path === '/' ? '/index.html' : path}`)
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    })
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

export function startCore(dataDir: string): Core {
  return startCoreWorker(join(OUT, 'main', 'worker.js'), { dataDir })
}

/** A browser window on the app with window.concord bridged to `core`. */
export async function openWindow(
  browser: Browser,
  core: Core,
  url: string,
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'zh-CN',
    viewport: { width: 1280, height: 800 },
  })
  await context.exposeBinding('__concordInvoke', (_source, channel: unknown, payload: unknown) =>
    core.handle({ channel, payload }),
  )
  await context.addInitScript({
    content: `window.concord = (${buildApi.toString()})(${JSON.stringify(CHANNELS)}, (channel, payload) => window.__concordInvoke(channel, payload));`,
  })
  const page = await context.newPage()
  await page.goto(url)
  return { context, page }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

/** The organization, administrator and passwords the end-to-end tests share. */
export const E2E = {
  org: '长宁区江苏路街道人民调解委员会',
  admin: { displayName: '欧阳管理', login: 'admin', password: 'Fenglin-Road-2026' },
  temporaryPassword: 'Linshi-Mima-2026',
  ownPassword: 'Jiangwan-Town-77',
} as const

/** A request made by the test's own hands rather than the window's: a refusal throws its code. */
export async function callCore<C extends Channel>(
  core: Core,
  channel: C,
  payload?: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await core.handle({ channel, payload })
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`)
  return result.value as ChannelOutput<C>
}

/**
 * First-run setup through the contract, as the setup screen does it, then each user created by
 * the administrator and taken past their first sign-in (temporary password, then their own).
 * Returns each login's user id; the last user of the list stays signed in.
 */
export async function setUpOrganization(
  core: Core,
  users: readonly Omit<ChannelInput<'users.create'>, 'temporaryPassword'>[],
  orgName: string = E2E.org,
): Promise<Record<string, string>> {
  const { recoveryCode, confirmGroups } = await callCore(core, 'setup.begin', {
    orgName,
    orgCapacity: 'people_mediation_committee',
    admin: E2E.admin,
  })
  const groups = recoveryCode.split('-')
  await callCore(core, 'setup.complete', {
    confirmation: [groups[confirmGroups[0]] ?? '', groups[confirmGroups[1]] ?? ''],
  })
  const ids: Record<string, string> = {}
  for (const user of users) {
    const created = await callCore(core, 'users.create', {
      ...user,
      temporaryPassword: E2E.temporaryPassword,
    })
    ids[user.login] = created.id
  }
  for (const { login } of users) {
    await callCore(core, 'auth.unlock', { login, password: E2E.temporaryPassword })
    await callCore(core, 'auth.changePassword', {
      currentPassword: E2E.temporaryPassword,
      newPassword: E2E.ownPassword,
    })
  }
  return ids
}
