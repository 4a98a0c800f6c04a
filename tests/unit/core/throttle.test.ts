import { describe, expect, it } from 'vitest'
import {
  gate,
  recordFailure,
  NO_FAILURES,
  type Attempts,
} from '../../../src/main/core/auth/throttle'

const T0 = 1_800_000_000_000
const after = (failures: number): Attempts => ({ failures, lastFailureAt: T0 })

describe('login throttle', () => {
  it.each([
    // failures, ms since last failure, expected gate
    [0, 0, { kind: 'open' }],
    [1, 0, { kind: 'open' }],
    [2, 0, { kind: 'open' }],
    [3, 0, { kind: 'throttled', seconds: 1 }],
    [3, 999, { kind: 'throttled', seconds: 1 }],
    [3, 1000, { kind: 'open' }],
    [4, 0, { kind: 'throttled', seconds: 2 }],
    [6, 0, { kind: 'throttled', seconds: 8 }],
    [8, 0, { kind: 'throttled', seconds: 30 }],
    [9, 29_999, { kind: 'throttled', seconds: 1 }],
    [10, 0, { kind: 'lockedOut', minutes: 15 }],
    [10, 14 * 60_000 + 1, { kind: 'lockedOut', minutes: 1 }],
    [10, 15 * 60_000, { kind: 'open' }],
    [25, 60_000, { kind: 'lockedOut', minutes: 14 }],
  ] as const)('%i failures, %i ms later → %o', (failures, elapsed, expected) => {
    expect(gate(after(failures), T0 + elapsed)).toEqual(expected)
  })

  it('a clock set backwards does not open the gate early', () => {
    expect(gate(after(10), T0 - 3_600_000).kind).toBe('lockedOut')
  })

  it('starts open and counts failures', () => {
    expect(gate(NO_FAILURES, T0)).toEqual({ kind: 'open' })
    expect(recordFailure(recordFailure(NO_FAILURES, T0), T0 + 5)).toEqual({
      failures: 2,
      lastFailureAt: T0 + 5,
    })
  })
})
