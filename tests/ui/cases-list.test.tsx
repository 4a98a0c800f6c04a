import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { installFakeConcord, ok, renderApp } from './harness'
import { mediatorSession, summaryRow, USERS } from './cases-fixtures'

beforeEach(() => {
  // happy-dom lays nothing out; give the list's scroller a window's height to virtualize in.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200)
})

function fakeCases(total = 250) {
  return installFakeConcord({
    'app.status': () => ok(mediatorSession()),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    // Keyset pages as the core answers them; the fake's cursor is the count already shown.
    'cases.list': ({ after, limit = 100 }) => {
      const offset = after === undefined ? 0 : Number(after)
      const shown = Math.max(0, Math.min(limit, total - offset))
      return ok({
        total: after === undefined ? total : null,
        rows: Array.from({ length: shown }, (_, i) =>
          summaryRow(offset + i + 1, i === 0 ? { overdue: true, nextDue: '2026-11-30' } : {}),
        ),
        next: offset + shown < total ? String(offset + shown) : null,
      })
    },
  })
}

describe('case list', () => {
  it('shows the first page of rows, rendering only those in view', async () => {
    fakeCases()
    renderApp()
    const table = await screen.findByRole('table', { name: '案件' })
    await within(table).findByRole('link', { name: '〔2026〕家调字第0001号' })
    expect(screen.getByTestId('case-count').textContent).toBe('共 250 件')
    const rows = within(table).getAllByRole('row')
    // A header, and a window of the 100 loaded rows — not all of them.
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThan(60)
    const first = rows[1] as HTMLElement
    expect(within(first).getByText('家庭危机干预')).toBeTruthy()
    expect(within(first).getByText('徐汇区')).toBeTruthy()
    expect(within(first).getByText('2026年11月25日')).toBeTruthy()
    expect(within(first).getByText('已逾期')).toBeTruthy()
  })

  it('sends the filters from the URL and from the controls as the list query', async () => {
    window.location.hash = '#/cases?category=family&risk=high&sort=nextDue&dir=asc'
    const core = fakeCases()
    const { user } = renderApp()
    await screen.findByRole('table', { name: '案件' })
    await waitFor(() =>
      expect(core.payloadsOf('cases.list')[0]).toEqual({
        category: 'family',
        riskLevel: 'high',
        sort: 'nextDue',
        direction: 'asc',
        limit: 100,
      }),
    )

    await user.click(screen.getByRole('checkbox', { name: '只看有逾期期限的案件' }))
    await user.type(screen.getByRole('textbox', { name: '查找' }), '13812345678')
    await waitFor(() =>
      expect(core.payloadsOf('cases.list').at(-1)).toEqual({
        category: 'family',
        riskLevel: 'high',
        overdue: true,
        text: '13812345678',
        sort: 'nextDue',
        direction: 'asc',
        limit: 100,
      }),
    )
    expect(window.location.hash).toContain('overdue=1')
  })

  it('clearing the filters right after typing does not bring the typed search back', async () => {
    window.location.hash = '#/cases?category=family'
    const core = fakeCases()
    const { user } = renderApp()
    await screen.findByRole('table', { name: '案件' })
    await user.type(screen.getByRole('textbox', { name: '查找' }), '张三')
    // Within the search delay: the pending search must not re-apply what the box no longer shows.
    await user.click(screen.getByRole('button', { name: '清除筛选' }))
    await new Promise((resolve) => setTimeout(resolve, 600))
    const last = core.payloadsOf('cases.list').at(-1) as Record<string, unknown>
    expect(last.text).toBeUndefined()
    expect(last.category).toBeUndefined()
    expect(screen.getByRole('textbox', { name: '查找' })).toHaveProperty('value', '')
  })

  it('loads the next page from where the last one ended', async () => {
    const core = fakeCases()
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: /加载更多/ }))
    await waitFor(() =>
      expect(
        core.payloadsOf('cases.list').some((p) => (p as { after?: string }).after === '100'),
      ).toBe(true),
    )
  })
})
