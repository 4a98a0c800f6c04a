import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve, sep } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startCoreWorker } from '../../src/main/core/client'
import type { Core } from '../../src/main/core/router'
import { CONTENT_SECURITY_POLICY } from '../../src/main/shell/csp'
import { buildApi } from '../../src/shared/api'
import { CHANNELS } from '../../src/shared/contract'

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
