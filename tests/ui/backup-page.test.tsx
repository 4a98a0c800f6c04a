import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../src/shared/contract'
import type { Status } from '../../src/shared/schemas/account'
import { zhCN as zh } from '../../src/shared/i18n/zh-CN'
import { ADMIN, installFakeConcord, ok, refuse, renderApp, status, type Handlers } from './harness'

/** Issue 5: the 备份 page and the frame's backup warning, against a fake core. */
const SETTINGS: ChannelOutput<'backup.getSettings'> = {
  folder: '/media/usb/备份',
  dailyAt: '12:30',
  onExit: true,
  keepDaily: 7,
  keepWeekly: 4,
  keepMonthly: 12,
  warnAfterDays: 7,
}
const ARCHIVE = 'concord-backup-20261125-113000.tar'
const PREVIEW: ChannelOutput<'backup.inspect'> = {
  file: `/media/usb/备份/${ARCHIVE}`,
  organization: '浦江测试人民调解委员会',
  createdAt: '2026-11-25T03:30:00.000Z',
  appVersion: '0.1.0',
  schemaVersion: 13,
  tables: { case: 42, party: 97, user: 4, attachment: 5 },
}

function signedIn(role: 'admin' | 'mediator' = 'admin'): Status {
  const { session } = status('unlocked')
  return status('unlocked', { session: session && { ...session, user: { ...ADMIN, role } } })
}

function fakeCore(extra: Handlers = {}, role: 'admin' | 'mediator' = 'admin') {
  return installFakeConcord({
    'app.status': () => ok(signedIn(role)),
    'app.activity': () => ok(null),
    'cases.list': () => ok({ total: 0, rows: [], next: null }),
    'backup.health': () =>
      ok({ state: 'stale', lastGoodAt: '2026-11-10T04:30:00.000Z', warnAfterDays: 7 }),
    'backup.getSettings': () => ok(SETTINGS),
    'backup.updateSettings': (patch) => ok({ ...SETTINGS, ...patch }),
    'backup.list': () =>
      ok({
        folder: SETTINGS.folder,
        reachable: true,
        archives: [
          {
            name: ARCHIVE,
            size: 3 * 1024 * 1024,
            state: 'verified',
            createdAt: PREVIEW.createdAt,
            organization: PREVIEW.organization,
            kind: 'manual',
          },
        ],
        log: [
          {
            createdAt: PREVIEW.createdAt,
            kind: 'manual',
            status: 'verified',
            file: ARCHIVE,
            errorCode: null,
          },
          {
            createdAt: '2026-11-24T04:30:00.000Z',
            kind: 'scheduled',
            status: 'failed',
            file: null,
            errorCode: 'BACKUP_DISK_FULL',
          },
        ],
      }),
    'backup.create': () =>
      ok({ file: ARCHIVE, createdAt: PREVIEW.createdAt, size: 3_145_728, ms: 2300 }),
    'backup.inspect': () => ok(PREVIEW),
    'backup.restore': () => ok(status('locked')),
    ...extra,
  })
}

async function openBackupPage(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('link', { name: zh.nav.backup }))
  await screen.findByRole('heading', { name: zh.backup.title })
}

describe('the backup page', () => {
  it('warns on every page when the last good backup is too old', async () => {
    fakeCore()
    const { user } = renderApp()
    const warning = await screen.findByTestId('backup-warning')
    expect(warning.textContent).toContain('2026年11月10日 12:30')
    await user.click(within(warning).getByRole('link', { name: zh.backup.health.goTo }))
    await screen.findByRole('heading', { name: zh.backup.title })
  })

  it('backs up now and lists the archives and the log', async () => {
    const core = fakeCore()
    const { user } = renderApp()
    await openBackupPage(user)
    const table = await screen.findByTestId('backup-archives')
    expect(within(table).getByText(ARCHIVE)).toBeTruthy()
    expect(within(table).getByText(zh.backup.list.states.verified)).toBeTruthy()
    expect(screen.getByTestId('backup-log').textContent).toContain(zh.errors.BACKUP_DISK_FULL)
    await user.click(screen.getByRole('button', { name: zh.backup.now.button }))
    await screen.findByText(/备份完成并已校验/)
    expect(core.payloadsOf('backup.create')).toHaveLength(1)
  })

  it('saves the settings, with the daily backup turned off', async () => {
    const core = fakeCore()
    const { user } = renderApp()
    await openBackupPage(user)
    await user.click(await screen.findByRole('checkbox', { name: zh.backup.settings.daily }))
    const folder = screen.getByRole('textbox', { name: zh.backup.settings.folder })
    await user.clear(folder)
    await user.type(folder, 'D:\\备份')
    await user.click(screen.getByRole('button', { name: zh.backup.settings.save }))
    await waitFor(() => expect(core.payloadsOf('backup.updateSettings')).toHaveLength(1))
    expect(core.payloadsOf('backup.updateSettings')[0]).toMatchObject({
      folder: 'D:\\备份',
      dailyAt: null,
      onExit: true,
    })
  })

  it('checks an archive, shows what it holds, and restores after confirmation', async () => {
    const core = fakeCore()
    const { user } = renderApp()
    await openBackupPage(user)
    await user.click(await screen.findByRole('button', { name: zh.backup.list.use }))
    expect(screen.getByRole('textbox', { name: zh.backup.restore.file })).toHaveProperty(
      'value',
      `/media/usb/备份/${ARCHIVE}`,
    )
    await user.type(screen.getByRole('textbox', { name: zh.backup.restore.login }), 'ouyang')
    await user.type(screen.getByLabelText(zh.backup.restore.password), 'Qingshan-Lu-2026')
    await user.click(screen.getByRole('button', { name: zh.backup.restore.check }))
    const preview = await screen.findByTestId('backup-preview')
    expect(preview.textContent).toContain('浦江测试人民调解委员会')
    expect(preview.textContent).toContain('42')
    await user.click(within(preview).getByRole('button', { name: zh.backup.restore.start }))
    await user.click(await screen.findByRole('button', { name: zh.backup.restore.confirm }))
    await waitFor(() => expect(core.payloadsOf('backup.restore')).toHaveLength(1))
    expect(core.payloadsOf('backup.restore')[0]).toEqual({
      file: `/media/usb/备份/${ARCHIVE}`,
      secret: { login: 'ouyang', password: 'Qingshan-Lu-2026' },
    })
    // The case base is locked now: the sign-in screen follows.
    await screen.findByRole('button', { name: zh.login.submit })
  })

  it('shows the refusal of a damaged archive and offers no restore', async () => {
    fakeCore({ 'backup.inspect': () => refuse('BACKUP_CORRUPT') })
    const { user } = renderApp()
    await openBackupPage(user)
    await user.type(screen.getByRole('textbox', { name: zh.backup.restore.file }), '/tmp/x.tar')
    await user.click(screen.getByRole('radio', { name: zh.backup.restore.byRecovery }))
    await user.type(screen.getByRole('textbox', { name: zh.backup.restore.recoveryCode }), 'ABCDE')
    await user.click(screen.getByRole('button', { name: zh.backup.restore.check }))
    await screen.findByText(zh.errors.BACKUP_CORRUPT)
    expect(screen.queryByTestId('backup-preview')).toBeNull()
  })

  it('is for administrators; others see neither the page nor the warning', async () => {
    const core = fakeCore({}, 'mediator')
    window.location.hash = '#/backup'
    renderApp()
    await screen.findByRole('navigation')
    await waitFor(() => expect(window.location.hash).not.toBe('#/backup'))
    expect(screen.queryByRole('link', { name: zh.nav.backup })).toBeNull()
    expect(screen.queryByTestId('backup-warning')).toBeNull()
    expect(core.payloadsOf('backup.health')).toEqual([])
  })

  it('offers the shell dialog in the desktop app and fills in the picked folder', async () => {
    const agent = navigator.userAgent
    Object.defineProperty(navigator, 'userAgent', {
      value: `${agent} Electron/45.4.1`,
      configurable: true,
    })
    try {
      const core = fakeCore({ 'backup.pickPath': () => ok({ path: 'E:\\U盘\\备份' }) })
      const { user } = renderApp()
      await openBackupPage(user)
      const [browse] = await screen.findAllByRole('button', { name: zh.backup.browse })
      if (!browse) throw new Error('no browse button')
      await user.click(browse)
      await waitFor(() =>
        expect(screen.getByRole('textbox', { name: zh.backup.settings.folder })).toHaveProperty(
          'value',
          'E:\\U盘\\备份',
        ),
      )
      expect(core.payloadsOf('backup.pickPath')).toEqual([{ kind: 'folder' }])
    } finally {
      Object.defineProperty(navigator, 'userAgent', { value: agent, configurable: true })
    }
  })
})
