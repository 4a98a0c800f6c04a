import { readdirSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dailyBackupDue, pruneSelection } from '../../../src/main/core/backup/schedule'
import type { Core } from '../../../src/main/core/router'
import { ADMIN, call, setUp, signInAs, tempDir, testCore } from '../../support/core'

/** Issue 5 item 2: the daily backup, the backup on exit, retention, and the home-screen warning. */
const at = (text: string) => new Date(text)

describe('when the daily backup is due (China time)', () => {
  it.each([
    ['before the time', '2026-11-25T04:00:00Z', null, false],
    ['after the time, never run', '2026-11-25T05:00:00Z', null, true],
    ['after the time, ran today', '2026-11-25T09:00:00Z', '2026-11-25T04:31:00Z', false],
    ['after the time, ran yesterday', '2026-11-25T05:00:00Z', '2026-11-24T04:31:00Z', true],
    [
      'after the time, ran this morning before it',
      '2026-11-25T05:00:00Z',
      '2026-11-25T01:00:00Z',
      true,
    ],
    ['off', '2026-11-25T05:00:00Z', null, false],
  ] as const)('%s', (name, now, last, due) => {
    const time = name === 'off' ? null : '12:30'
    expect(dailyBackupDue(time, last ? at(last) : null, at(now))).toBe(due)
  })
})

describe('grandfather-father-son retention', () => {
  // One backup every day at 12:30 China time for 400 days.
  const daily = Array.from({ length: 400 }, (_, i) => ({
    name: `day-${i}`,
    createdAt: new Date(Date.UTC(2025, 9, 1, 4, 30) + i * 86_400_000),
  }))

  it('keeps 7 days, 4 weeks and 12 months of a daily series', () => {
    const doomed = new Set(pruneSelection(daily, { keepDaily: 7, keepWeekly: 4, keepMonthly: 12 }))
    const kept = daily.filter((archive) => !doomed.has(archive.name))
    // 7 days, then the newest of 4 weeks and 12 months overlap with them in part.
    expect(kept.length).toBeGreaterThanOrEqual(12)
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12)
    const newest = daily.at(-1)
    expect(kept.map((archive) => archive.name)).toContain(newest?.name)
    for (let i = 1; i <= 7; i += 1) expect(doomed.has(`day-${400 - i}`)).toBe(false)
    const months = new Set(kept.map((archive) => archive.createdAt.toISOString().slice(0, 7)))
    expect(months.size).toBe(12)
  })

  it('keeps the newest of several on one day, and never deletes the only one', () => {
    const sameDay = [
      { name: 'a', createdAt: at('2026-11-25T01:00:00Z') },
      { name: 'b', createdAt: at('2026-11-25T05:00:00Z') },
    ]
    expect(pruneSelection(sameDay, { keepDaily: 1, keepWeekly: 0, keepMonthly: 0 })).toEqual(['a'])
    expect(
      pruneSelection(sameDay.slice(0, 1), { keepDaily: 1, keepWeekly: 0, keepMonthly: 0 }),
    ).toEqual([])
  })
})

describe('the scheduler and the exit backup in the core', () => {
  let data: ReturnType<typeof tempDir>
  let folder: ReturnType<typeof tempDir>
  let core: Core
  let clock = at('2026-11-25T02:00:00Z')

  beforeEach(async () => {
    data = tempDir()
    folder = tempDir('concord-scheduled-')
    clock = at('2026-11-25T02:00:00Z')
    core = testCore(data.dir, { now: () => clock, backupCheckMs: 25 })
    await setUp(core)
    await call(core, 'backup.updateSettings', { folder: folder.dir, dailyAt: '12:30' })
  })

  afterEach(async () => {
    await core.close()
    data.remove()
    folder.remove()
  })

  const settle = () => new Promise((resolve) => setTimeout(resolve, 300))

  it('runs once the time has passed, once a day, while someone is signed in', async () => {
    await settle()
    expect(readdirSync(folder.dir)).toEqual([])
    clock = at('2026-11-25T04:31:00Z')
    await settle()
    expect(readdirSync(folder.dir)).toEqual(['concord-backup-20261125-123100.tar'])
    clock = at('2026-11-25T08:00:00Z')
    await settle()
    expect(readdirSync(folder.dir)).toHaveLength(1)
    await call(core, 'auth.lock')
    clock = at('2026-11-26T05:00:00Z')
    await settle()
    expect(readdirSync(folder.dir)).toHaveLength(1)
    await signInAs(core, ADMIN.login)
    await settle()
    expect(readdirSync(folder.dir)).toHaveLength(2)
    const { log } = await call(core, 'backup.list')
    expect(log.map((entry) => [entry.kind, entry.status])).toEqual([
      ['scheduled', 'verified'],
      ['scheduled', 'verified'],
    ])
  })

  it('backs up on exit when set, and warns when the last good backup is old', async () => {
    await call(core, 'backup.updateSettings', { dailyAt: null, warnAfterDays: 3 })
    await core.backupOnExit()
    expect(readdirSync(folder.dir)).toHaveLength(1)
    expect((await call(core, 'backup.health')).state).toBe('ok')
    clock = at('2026-11-29T02:00:00Z')
    // Four days later the idle lock has closed the case base: sign in again.
    await signInAs(core, ADMIN.login)
    expect((await call(core, 'backup.health')).state).toBe('stale')
    await call(core, 'backup.updateSettings', { onExit: false })
    await core.backupOnExit()
    expect(readdirSync(folder.dir)).toHaveLength(1)
  })

  it('reports an unreachable folder (a USB drive pulled out)', async () => {
    folder.remove()
    expect((await call(core, 'backup.health')).state).toBe('unreachable')
    expect((await call(core, 'backup.list')).reachable).toBe(false)
    const error = await core.handle({ channel: 'backup.create' })
    expect(error.ok).toBe(false)
  })
})
