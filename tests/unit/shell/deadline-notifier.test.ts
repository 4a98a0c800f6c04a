import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChannelOutput } from '../../../src/shared/contract'
import type { Status } from '../../../src/shared/schemas/account'

type Listener = () => void

const fake = vi.hoisted(() => {
  const notifications: FakeNotification[] = []
  class FakeNotification {
    static isSupported = () => true
    readonly listeners = new Map<string, Listener>()
    readonly show = vi.fn()
    constructor(readonly options: { title: string; body: string }) {
      notifications.push(this)
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener)
      return this
    }
  }
  return { notifications, electron: { Notification: FakeNotification } }
})
vi.mock('electron', () => fake.electron)

const {
  CHECK_INTERVAL_MS,
  FIRST_CHECK_DELAY_MS,
  STATUS_POLL_MS,
  newAlerts,
  startDeadlineNotifier,
} = await import('../../../src/main/shell/deadline-notifier')

type BoardRow = ChannelOutput<'deadlines.board'>[number]
type Clock = BoardRow['clock']

function row(
  caseId: string,
  clockId: string,
  status: Clock['status'],
  daysLeft: number,
  number = `〔2026〕家调字第000${caseId.slice(1)}号`,
): BoardRow {
  return {
    caseId,
    number,
    category: 'family',
    leadMediatorId: 'm1',
    leadMediatorName: '张丽',
    clock: {
      clockId,
      source: '人民调解法',
      kind: 'statutory',
      obligor: 'organization',
      start: '2026-11-01',
      due: '2026-11-30',
      daysLeft,
      status,
    } as Clock,
  }
}

describe('which clocks to announce', () => {
  const key = (r: BoardRow) => `${r.caseId}|${r.clock.clockId}|${r.clock.start}`
  const running = row('c1', 'practiceConclusion', 'running', 20)
  const soon = row('c2', 'practiceConclusion', 'dueSoon', 2)
  const overdue = row('c3', 'mandatoryReport', 'overdue', -1)
  const done = row('c4', 'practiceConclusion', 'done', -5)
  const soonThenOverdue = row('c2', 'practiceConclusion', 'overdue', -1)

  it.each([
    [
      'first check: every overdue and due-soon clock, overdue first',
      [],
      [running, soon, overdue, done],
      ['c3', 'c2'],
    ],
    ['nothing changed', [soon, overdue], [soon, overdue], []],
    ['due soon became overdue', [soon], [soonThenOverdue], ['c2']],
    [
      'newly due within three days',
      [running],
      [row('c1', 'practiceConclusion', 'running', 3)],
      ['c1'],
    ],
    ['four days left is not yet due soon', [], [row('c1', 'practiceConclusion', 'running', 4)], []],
    ['a finished clock is not announced', [], [done], []],
    ['back on the list after it dropped off', [], [soon], ['c2']],
    ['overdue then shown as due soon (extended) is not news', [soonThenOverdue], [soon], []],
  ])('%s', (_, before: BoardRow[], now: BoardRow[], expected: string[]) => {
    const previous = newAlerts(before, new Map()).seen
    const { alerts, seen } = newAlerts(now, previous)
    expect(alerts.map((a) => a.caseId)).toEqual(expected)
    expect([...seen.keys()].sort()).toEqual(
      now
        .filter((r) => r.clock.status !== 'done' && r.clock.daysLeft <= 3)
        .map(key)
        .sort(),
    )
  })
})

describe('the notifier', () => {
  let status: Status
  let board: BoardRow[]
  const core = {
    handle: vi.fn(async ({ channel }: { channel: unknown }) => {
      if (channel === 'app.status') return { ok: true as const, value: status }
      if (channel === 'deadlines.board') return { ok: true as const, value: board }
      return { ok: false as const, error: { code: 'UNKNOWN_CHANNEL' as const, message: '' } }
    }),
  }
  const window = {
    isDestroyed: vi.fn(() => false),
    isMinimized: vi.fn(() => true),
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  }
  const signedIn = (role: 'mediator' | 'admin' = 'mediator', language: 'zh-CN' | 'en' = 'zh-CN') =>
    ({
      state: 'unlocked',
      language,
      session: {
        user: { id: 'm1', login: 'zhangli', displayName: '张丽', role },
        mustChangePassword: false,
        orgName: '浦江测试人民调解委员会',
        idleLockMinutes: 10,
      },
    }) satisfies Status
  const locked: Status = { state: 'locked', language: 'zh-CN', session: null }
  let notifier: { stop(): void } | undefined

  beforeEach(() => {
    vi.useFakeTimers()
    fake.notifications.length = 0
    core.handle.mockClear()
    status = locked
    board = []
  })
  afterEach(() => {
    notifier?.stop()
    vi.useRealTimers()
  })

  const start = () => {
    notifier = startDeadlineNotifier({
      core,
      getWindow: () => window as unknown as Electron.BrowserWindow,
    })
  }
  const bodies = () => fake.notifications.map((n) => n.options.body)
  const boardCalls = () =>
    core.handle.mock.calls.filter(([request]) => request.channel === 'deadlines.board').length

  it('asks nothing of the board while the case base is locked', async () => {
    start()
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 2)
    expect(boardCalls()).toBe(0)
    expect(fake.notifications).toEqual([])
  })

  it('checks shortly after unlock and every 15 minutes, announcing only what is new', async () => {
    start()
    status = signedIn()
    board = [
      row('c1', 'practiceConclusion', 'dueSoon', 2, '〔2026〕家调字第0001号'),
      row('c2', 'practiceConclusion', 'running', 20, '〔2026〕家调字第0002号'),
    ]
    await vi.advanceTimersByTimeAsync(STATUS_POLL_MS + FIRST_CHECK_DELAY_MS)
    expect(boardCalls()).toBe(1)
    expect(bodies()).toEqual(['〔2026〕家调字第0001号：一般调结期限将于 2 天内到期'])
    expect(fake.notifications[0]?.options.title).toBe('调解案件期限提醒')
    expect(fake.notifications[0]?.show).toHaveBeenCalled()

    // Nothing new: no notification at the next check.
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS)
    expect(boardCalls()).toBe(2)
    expect(fake.notifications).toHaveLength(1)

    board = [row('c1', 'practiceConclusion', 'overdue', -1, '〔2026〕家调字第0001号')]
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS)
    expect(bodies()[1]).toBe('〔2026〕家调字第0001号：一般调结期限已逾期')
  })

  it('never puts party names or the summary into the text, and speaks the user’s language', async () => {
    status = signedIn('mediator', 'en')
    board = [row('c1', 'mandatoryReport', 'overdue', -2, '〔2026〕家调字第0001号')]
    board[0] = { ...board[0]!, leadMediatorName: '张丽' }
    start()
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS)
    expect(bodies()).toHaveLength(1)
    expect(bodies()[0]).toMatch(/^〔2026〕家调字第0001号: .+ is overdue$/)
    expect(bodies()[0]).not.toContain('张丽')
  })

  it('sums up a long list in one notification', async () => {
    status = signedIn()
    board = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id) =>
      row(id, 'practiceConclusion', 'overdue', -1),
    )
    start()
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS)
    expect(fake.notifications).toHaveLength(4)
    expect(bodies()[3]).toBe('另有 3 项期限已逾期或即将到期，请查看期限看板')
  })

  it('focuses the window when a notification is clicked', async () => {
    status = signedIn()
    board = [row('c1', 'practiceConclusion', 'overdue', -1)]
    start()
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS)
    fake.notifications[0]?.listeners.get('click')?.()
    expect(window.restore).toHaveBeenCalled()
    expect(window.focus).toHaveBeenCalled()
  })

  it('stops at lock and starts over after the next unlock', async () => {
    status = signedIn()
    board = [row('c1', 'practiceConclusion', 'overdue', -1)]
    start()
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS)
    expect(fake.notifications).toHaveLength(1)

    status = locked
    await vi.advanceTimersByTimeAsync(STATUS_POLL_MS)
    const calls = boardCalls()
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 2)
    expect(boardCalls()).toBe(calls)

    status = signedIn()
    await vi.advanceTimersByTimeAsync(STATUS_POLL_MS + FIRST_CHECK_DELAY_MS)
    expect(fake.notifications).toHaveLength(2)
  })

  it('leaves out users without a board (administrators)', async () => {
    status = signedIn('admin')
    board = [row('c1', 'practiceConclusion', 'overdue', -1)]
    start()
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS)
    expect(boardCalls()).toBe(0)
  })

  it('survives a core that fails', async () => {
    core.handle.mockRejectedValueOnce(new Error('worker gone'))
    status = signedIn()
    board = [row('c1', 'practiceConclusion', 'overdue', -1)]
    start()
    await vi.advanceTimersByTimeAsync(STATUS_POLL_MS + FIRST_CHECK_DELAY_MS)
    expect(fake.notifications).toHaveLength(1)
  })
})
