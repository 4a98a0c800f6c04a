import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { installFakeConcord, ok, renderApp, type Handlers } from './harness'
import { caseFile, mediatorSession, USERS } from './cases-fixtures'

type Clock = ReturnType<typeof caseFile>['clocks'][number]

const HANDLING: Clock = {
  clockId: 'petitionHandling',
  source: '信访工作条例（2022）第三十四条',
  kind: 'statutory',
  obligor: 'agency',
  start: '2026-11-02',
  due: '2026-12-31',
  daysLeft: 36,
  status: 'running',
  unit: 'days',
  pausable: false,
  extendable: true,
  maxExtension: 30,
  pauses: [],
  extensions: [],
}

function openClocks(handlers: Handlers = {}, file = caseFile()) {
  window.location.hash = `#/cases/${file.id}`
  return installFakeConcord({
    'app.status': () => ok(mediatorSession()),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    'cases.get': () => ok(file),
    ...handlers,
  })
}

describe('pausing and extending clocks on the 期限 tab', () => {
  it('sends a pause with its dates and reason, and shows it under the clock', async () => {
    const paused = caseFile({
      version: 4,
      clocks: [
        {
          ...caseFile().clocks[0]!,
          due: '2026-12-30',
          pauses: [
            {
              id: 'p1',
              from: '2026-12-01',
              to: '2026-12-05',
              reason: '当事人住院治疗',
              recordedByName: '张丽',
            },
          ],
        },
      ],
    })
    const core = openClocks({ 'clocks.pause': () => ok(paused) })
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '期限' }))
    // The practice target may be paused and extended; the buttons say so.
    expect(screen.getByRole('button', { name: '延长' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: '中止' }))

    const dialog = await screen.findByRole('dialog', { name: /中止计时/ })
    const confirm = within(dialog).getByRole('button', { name: '中止' })
    expect(confirm).toHaveProperty('disabled', true)
    await user.type(within(dialog).getByLabelText(/中止起始日/), '2026-12-01')
    await user.type(within(dialog).getByLabelText(/中止结束日/), '2026-12-05')
    expect(confirm).toHaveProperty('disabled', true)
    await user.type(within(dialog).getByLabelText(/理由/), '当事人住院治疗')
    expect(confirm).toHaveProperty('disabled', false)
    await user.click(confirm)

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(core.payloadsOf('clocks.pause')).toEqual([
      {
        clockId: 'practiceConclusion',
        from: '2026-12-01',
        to: '2026-12-05',
        reason: '当事人住院治疗',
        caseId: 'c1',
        version: 3,
      },
    ])
    expect(await screen.findByText(/当事人住院治疗（张丽登记）/)).toBeTruthy()
  })

  it('asks a mediator for a supervisor and their password to extend', async () => {
    const file = caseFile({ category: 'petition', clocks: [HANDLING] })
    const core = openClocks({ 'clocks.extend': () => ok(file) }, file)
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '期限' }))
    // 信访 handling cannot be paused (Art. 34 only allows an extension).
    expect(screen.queryByRole('button', { name: '中止' })).toBeNull()
    await user.click(screen.getByRole('button', { name: '延长' }))

    const dialog = await screen.findByRole('dialog', { name: /延长期限/ })
    expect(within(dialog).getByText('最多可延长 30日，已延长 0日。')).toBeTruthy()
    await user.type(within(dialog).getByLabelText(/延长（日）/), '30')
    await user.type(within(dialog).getByLabelText(/理由/), '案情复杂')
    const confirm = within(dialog).getByRole('button', { name: '延长' })
    expect(confirm).toHaveProperty('disabled', true)
    await user.click(within(dialog).getByLabelText(/批准的主管/, { selector: 'input' }))
    await user.click(await screen.findByRole('option', { name: '陈主任' }))
    await user.type(within(dialog).getByLabelText(/主管密码/), 'Zhuguan-Mima-2026')
    expect(confirm).toHaveProperty('disabled', false)
    await user.click(confirm)

    await waitFor(() => expect(core.payloadsOf('clocks.extend')).toHaveLength(1))
    expect(core.payloadsOf('clocks.extend')[0]).toEqual({
      clockId: 'petitionHandling',
      length: 30,
      reason: '案情复杂',
      approval: { userId: 's1', password: 'Zhuguan-Mima-2026' },
      caseId: 'c1',
      version: 3,
    })
  })
})
