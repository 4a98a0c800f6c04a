import { useIdle } from '@mantine/hooks'
import { useEffect, useEffectEvent } from 'react'

/**
 * Locks after the organization's idle time without keyboard or pointer input. The core has its
 * own timer over requests; this one also catches a user who reads without making any.
 */
export function useIdleLock(minutes: number, lock: () => void): void {
  const idle = useIdle(minutes * 60_000, { initialState: false })
  const onIdle = useEffectEvent(lock)
  useEffect(() => {
    if (idle) onIdle()
  }, [idle])
}
