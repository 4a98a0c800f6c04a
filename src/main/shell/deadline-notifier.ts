import { Notification, type BrowserWindow } from 'electron'
import type { i18n } from 'i18next'
import type { ChannelOutput } from '../../shared/contract'
import { createI18n } from '../../shared/i18n'
import type { Language, Status } from '../../shared/schemas/account'
import type { Core } from '../core/router'
import { causeOf, type LogEvent } from './log'

type BoardRow = ChannelOutput<'deadlines.board'>[number]
export type AlertKind = 'overdue' | 'dueSoon'

/** The 期限 board's own horizon: a clock due within three days is "due soon". */
export const SOON_DAYS = 3
export const CHECK_INTERVAL_MS = 15 * 60_000
/** Shortly after unlock, once the mediator is in, rather than during the unlock itself. */
export const FIRST_CHECK_DELAY_MS = 20_000
/** How often the notifier looks whether the case base is unlocked (app.status is passive). */
export const STATUS_POLL_MS = 30_000
/** More than this at once (typically the first check after unlock) become one summary. */
export const MAX_NOTIFICATIONS = 4

export interface DeadlineAlert {
  key: string
  caseId: string
  number: string
  clockId: string
  kind: AlertKind
  daysLeft: number
}

/** Whether a clock on the board needs the user's attention now, and why. */
export function alertKindOf(clock: BoardRow['clock']): AlertKind | null {
  if (clock.status === 'done') return null
  if (clock.status === 'overdue' || clock.daysLeft < 0) return 'overdue'
  return clock.daysLeft <= SOON_DAYS ? 'dueSoon' : null
}

/**
 * The clocks that became overdue or due within SOON_DAYS since the last check: new on the
 * list, or due soon then and overdue now. `seen` is what the next check compares with; a clock
 * that drops off (done, extended) is forgotten, so it is announced again should it come back.
 */
export function newAlerts(
  rows: readonly BoardRow[],
  previous: ReadonlyMap<string, AlertKind>,
): { alerts: DeadlineAlert[]; seen: Map<string, AlertKind> } {
  const seen = new Map<string, AlertKind>()
  const alerts: DeadlineAlert[] = []
  for (const row of rows) {
    const kind = alertKindOf(row.clock)
    if (kind === null) continue
    const key = `${row.caseId}|${row.clock.clockId}|${row.clock.start}`
    if (seen.has(key)) continue
    seen.set(key, kind)
    if (previous.get(key) === kind || (previous.get(key) === 'overdue' && kind === 'dueSoon')) {
      continue
    }
    alerts.push({
      key,
      caseId: row.caseId,
      number: row.number,
      clockId: row.clock.clockId,
      kind,
      daysLeft: row.clock.daysLeft,
    })
  }
  alerts.sort((a, b) =>
    a.kind === b.kind ? a.daysLeft - b.daysLeft : a.kind === 'overdue' ? -1 : 1,
  )
  return { alerts, seen }
}

/**
 * The text of one notification: the case number and the clock's name only. Notifications show
 * on a locked screen, so party names and summaries never go into them.
 */
export function alertText(t: i18n['t'], alert: DeadlineAlert): string {
  const values = { number: alert.number, clock: t(`workflow.clock.${alert.clockId}`) }
  if (alert.kind === 'overdue') return t('notifications.overdue', values)
  if (alert.daysLeft <= 0) return t('notifications.dueToday', values)
  return t('notifications.dueSoon', { ...values, days: String(alert.daysLeft) })
}

export interface DeadlineNotifierOptions {
  core: Pick<Core, 'handle'>
  /** The window a click brings to the front; it may be gone by then. */
  getWindow: () => BrowserWindow | undefined
  log?: (event: LogEvent) => void
}

/** Only case workers have a board; a user who must change the password is not in yet. */
function boardUser(status: Status | null): string | null {
  const session = status?.state === 'unlocked' ? status.session : null
  if (!session || session.mustChangePassword) return null
  return session.user.role === 'mediator' || session.user.role === 'supervisor'
    ? session.user.id
    : null
}

function focus(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

/**
 * While a case worker has the case base unlocked, asks the core for the 期限 board shortly after
 * unlock and every CHECK_INTERVAL_MS, through the same core.handle the IPC gate uses, and shows
 * a desktop notification for each clock that became overdue or due soon. A click focuses the
 * window. Locking, or another user signing in, starts over.
 */
export function startDeadlineNotifier({ core, getWindow, log }: DeadlineNotifierOptions): {
  stop(): void
} {
  const translators = new Map<Language, i18n>()
  const translator = (language: Language) => {
    let t = translators.get(language)
    if (!t) translators.set(language, (t = createI18n(language)))
    return t
  }
  // Electron may collect a notification nobody holds before it is clicked.
  const shown = new Set<Notification>()
  let user: string | null = null
  let seen = new Map<string, AlertKind>()
  let checkTimer: NodeJS.Timeout | undefined
  let stopped = false

  const request = async <T>(channel: string): Promise<T | null> => {
    try {
      const result = await core.handle({ channel })
      if (result?.ok) return result.value as T
    } catch (error) {
      log?.({ level: 'warn', channel, code: 'INTERNAL', cause: causeOf(error) })
    }
    return null
  }

  const show = (title: string, body: string) => {
    if (!Notification.isSupported()) return
    const notification = new Notification({ title, body })
    shown.add(notification)
    notification.on('click', () => {
      shown.delete(notification)
      focus(getWindow())
    })
    notification.on('close', () => shown.delete(notification))
    notification.show()
  }

  const check = async () => {
    const status = await request<Status>('app.status')
    const checkedFor = boardUser(status)
    if (stopped || !status || checkedFor === null || checkedFor !== user) return
    const rows = await request<BoardRow[]>('deadlines.board')
    // Locked or switched while the board was being read: its rows are not for this user.
    if (stopped || !rows || user !== checkedFor) return
    const next = newAlerts(rows, seen)
    seen = next.seen
    const { t } = translator(status.language)
    const title = t('notifications.title')
    const alerts = next.alerts
    const individual = alerts.length > MAX_NOTIFICATIONS ? MAX_NOTIFICATIONS - 1 : alerts.length
    for (const alert of alerts.slice(0, individual)) show(title, alertText(t, alert))
    if (alerts.length > individual) {
      show(title, t('notifications.more', { count: alerts.length - individual }))
    }
  }

  const watch = async () => {
    const current = boardUser(await request<Status>('app.status'))
    if (stopped || current === user) return
    user = current
    seen = new Map()
    clearTimeout(checkTimer)
    checkTimer = undefined
    if (current === null) return
    const run = () => {
      void check().finally(() => {
        if (!stopped && user === current) checkTimer = setTimeout(run, CHECK_INTERVAL_MS)
      })
    }
    checkTimer = setTimeout(run, FIRST_CHECK_DELAY_MS)
  }

  const statusTimer = setInterval(() => void watch(), STATUS_POLL_MS)
  void watch()
  return {
    stop() {
      stopped = true
      clearInterval(statusTimer)
      clearTimeout(checkTimer)
      shown.clear()
    },
  }
}
