import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChannelInput, ChannelOutput } from '../../src/shared/contract'
import { installFakeConcord, ok, refuse, renderApp } from './harness'
import { mediatorSession, summaryRow, USERS } from './cases-fixtures'

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200)
})

type Saved = ChannelOutput<'filters.list'>

/** A core that keeps saved filters in memory the way the real one does: by name, per user. */
function fakeCore(initial: Saved = []) {
  let saved = [...initial]
  let next = saved.length + 1
  const byName = (list: Saved) => [...list].sort((a, b) => a.name.localeCompare(b.name))
  return installFakeConcord({
    'app.status': () => ok(mediatorSession()),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    'cases.list': () => ok({ total: 1, rows: [summaryRow(1)], next: null }),
    'filters.list': () => ok(byName(saved)),
    'filters.save': ({ name, query }: ChannelInput<'filters.save'>) => {
      const old = saved.find((f) => f.name === name)
      const entry = { id: old?.id ?? `f${next++}`, name, query } as Saved[number]
      saved = byName([...saved.filter((f) => f.name !== name), entry])
      return ok(saved)
    },
    'filters.remove': ({ id }) => {
      if (!saved.some((f) => f.id === id)) return refuse('NOT_FOUND')
      saved = saved.filter((f) => f.id !== id)
      return ok(saved)
    },
  })
}

const OVERDUE_HIGH: Saved[number] = {
  id: 'f-overdue',
  name: '高风险逾期',
  query: { riskLevel: 'high', overdue: true, text: '张三', sort: 'nextDue', direction: 'asc' },
}

describe('saved filters of the case list', () => {
  it('saves the current filter under a name', async () => {
    window.location.hash = '#/cases?category=family&risk=high&sort=nextDue&dir=asc'
    const core = fakeCore()
    const { user } = renderApp()
    await screen.findByRole('table', { name: '案件' })

    await user.click(screen.getByRole('button', { name: '保存当前筛选' }))
    const dialog = await screen.findByRole('dialog', { name: '保存当前筛选' })
    await user.type(within(dialog).getByRole('textbox', { name: /筛选名称/ }), '家事高风险')
    await user.click(within(dialog).getByRole('button', { name: '保存' }))

    await waitFor(() =>
      expect(core.payloadsOf('filters.save')).toEqual([
        {
          name: '家事高风险',
          query: { category: 'family', riskLevel: 'high', sort: 'nextDue', direction: 'asc' },
        },
      ]),
    )
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    // The filter on screen is the saved one, so the select names it.
    await waitFor(() =>
      expect(
        (screen.getByLabelText('已保存的筛选', { selector: 'input' }) as HTMLInputElement).value,
      ).toBe('家事高风险'),
    )
  })

  it('applies a chosen saved filter: the route and the list query change', async () => {
    window.location.hash = '#/cases'
    const core = fakeCore([OVERDUE_HIGH])
    const { user } = renderApp()
    await screen.findByRole('table', { name: '案件' })
    await waitFor(() =>
      expect(core.payloadsOf('cases.list').at(-1)).toEqual({
        sort: 'acceptedAt',
        direction: 'desc',
        limit: 100,
      }),
    )

    await waitFor(() =>
      expect(screen.getByLabelText('已保存的筛选', { selector: 'input' })).toHaveProperty(
        'disabled',
        false,
      ),
    )
    await user.click(screen.getByLabelText('已保存的筛选', { selector: 'input' }))
    await user.click(await screen.findByRole('option', { name: '高风险逾期' }))

    await waitFor(() =>
      expect(core.payloadsOf('cases.list').at(-1)).toEqual({
        riskLevel: 'high',
        overdue: true,
        text: '张三',
        sort: 'nextDue',
        direction: 'asc',
        limit: 100,
      }),
    )
    expect(window.location.hash).toContain('overdue=1')
    expect(window.location.hash).toContain('risk=high')
    // The controls show it too, the search box included.
    expect((screen.getByRole('textbox', { name: '查找' }) as HTMLInputElement).value).toBe('张三')
    expect(
      (screen.getByRole('checkbox', { name: '只看有逾期期限的案件' }) as HTMLInputElement).checked,
    ).toBe(true)
  })

  it('removes a saved filter from the menu', async () => {
    window.location.hash = '#/cases'
    const core = fakeCore([OVERDUE_HIGH])
    const { user } = renderApp()
    await screen.findByRole('table', { name: '案件' })
    await user.click(await screen.findByRole('button', { name: '管理筛选' }))
    await user.click(await screen.findByRole('menuitem', { name: '删除“高风险逾期”' }))
    await waitFor(() => expect(core.payloadsOf('filters.remove')).toEqual([{ id: 'f-overdue' }]))
    await waitFor(() => expect(screen.queryByRole('button', { name: '管理筛选' })).toBeNull())
  })
})
