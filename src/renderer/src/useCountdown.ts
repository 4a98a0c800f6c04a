import { useEffect, useState } from 'react'

/** Whole seconds left until a deadline set by `start`; 0 when none is running. */
export function useCountdown(): { remaining: number; start(seconds: number): void } {
  const [deadline, setDeadline] = useState<number | null>(null)
  const [remaining, setRemaining] = useState(0)
  useEffect(() => {
    if (deadline === null) return
    const tick = () => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000))
      setRemaining(left)
      if (left === 0) setDeadline(null)
    }
    const timer = setInterval(tick, 250)
    return () => clearInterval(timer)
  }, [deadline])
  return {
    remaining,
    start(seconds) {
      setRemaining(seconds)
      setDeadline(Date.now() + seconds * 1000)
    },
  }
}
