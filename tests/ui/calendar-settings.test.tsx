import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../src/shared/contract'
import { ADMIN, installFakeConcord, ok, renderApp, status } from './harness'

const SETTINGS = {
  orgName: '浦江测试人民调解委员会',
  orgCapacity: 'people_mediation_committee' as const,
  idleLockMinutes: 10,
  caseNumberPattern: '〔{year}〕{abbr}调字第{seq}号',
}

const CALENDAR: ChannelOutput<'calendar.get'> = {
  years: [
    { year: 2025, version: 1, source: '国办发明电〔2024〕12号', sourceUrl: null, verified: false },
    { year: 2026, version: 1, source: '国办发明电〔2025〕7号', sourceUrl: null, verified: true },
  ],
  overrides: [],
}

function settingsFor(role: 'admin' | 'mediator') {
  const { session } = status('unlocked')
  let view = CALENDAR
  return installFakeConcord({
    'app.status': () =>
      ok(status('unlocked', { session: session && { ...session, user: { ...ADMIN, role } } })),
    'app.activity': () => ok(null),
    'settings.get': () => ok(SETTINGS),
    'calendar.get': () => ok(view),
    'calendar.setOverride': ({ date, kind, reason }) => {
      view = {
        ...view,
        overrides: [
          { date, kind, reason, recordedByName: ADMIN.displayName, recordedAt: '2026-03-10' },
        ],
      }
      return ok(view)
    },
  })
}

describe('节假日 settings', () => {
  it('lists the shipped years with whether each was checked, and adds a correction', async () => {
    const core = settingsFor('admin')
    const { user } = renderApp()
    await user.click(await screen.findByRole('link', { name: '设置' }))
    const section = (await screen.findByText('内置年度')).closest('fieldset') as HTMLElement
    const rows = within(section).getAllByRole('row')
    expect(rows[1]?.textContent).toContain('未核对')
    expect(rows[2]?.textContent).toContain('已核对')

    const add = within(section).getByRole('button', { name: '添加更正' })
    expect(add).toHaveProperty('disabled', true)
    await user.type(within(section).getByLabelText('日期'), '2026-04-02')
    await user.type(within(section).getByLabelText('理由'), '本市临时安排')
    await user.click(add)

    await waitFor(() =>
      expect(core.payloadsOf('calendar.setOverride')).toEqual([
        { date: '2026-04-02', kind: 'holiday', reason: '本市临时安排' },
      ]),
    )
    expect(await within(section).findByText('本市临时安排')).toBeTruthy()
    expect(within(section).getByRole('cell', { name: '休息日' })).toBeTruthy()
  })

  it('shows the calendar read-only to a mediator', async () => {
    settingsFor('mediator')
    const { user } = renderApp()
    await user.click(await screen.findByRole('link', { name: '设置' }))
    expect(await screen.findByText('内置年度')).toBeTruthy()
    expect(screen.queryByRole('button', { name: '添加更正' })).toBeNull()
  })
})
