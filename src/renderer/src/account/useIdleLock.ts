import { useIdle } from '@mantine/hooks'
import { useEffect, useEffectEvent } from 'react'
import { concord } from '../concord'

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const
/** Often enough that the core's idle timer (one minute at the least) never fires mid-typing. */
export const ACTIVITY_REPORT_MS = 30_000

/**
 * Locks after the organization's idle time without keyboard or pointer input, and tells the
 * core about input at most every 30 s: a mediator writing a long record makes no requests,
 * and the core's own idle timer must not lock the case base under their hands.
 */
export function useIdleLock(minutes: number, lock: () => void): void {
  const idle = useIdle(minutes * 60_000, { initialState: false })
  const onIdle = useEffectEvent(lock)
  useEffect(() => {
    if (idle) onIdle()
  }, [idle])

  useEffect(() => {
    let lastReport = 0
    const report = () => {
      const now = Date.now()
      if (now - lastReport < ACTIVITY_REPORT_MS) return
      lastReport = now
      void concord().app.activity()
    }
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, report, { passive: true })
    return () => {
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, report)
    }
  }, [])
}
