import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ChannelInput } from '../../src/shared/contract'
import type { Status } from '../../src/shared/schemas/account'
import type { AuditEntry } from '../../src/shared/schemas/audit'
import { installFakeConcord, ok, renderApp, status, type Handlers } from './harness'
import { USERS } from './cases-fixtures'

function sessionAs(role: 'mediator' | 'supervisor' | 'admin'): Status {
  const unlocked = status('unlocked')
  return status('unlocked', {
    session: unlocked.session && {
      ...unlocked.session,
      user: { id: `${role}1`, login: role, displayName: '测试用户', role },
    },
  })
}

const CASE_ID = '0b7c2f7e-2d7c-4b8e-9a51-3f6f2c1d9e01'

function entry(seq: number, changes: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    at: '2026-11-25T02:30:05.000Z',
    userId: 'm1',
    userName: '诸葛调解',
    action: 'cases.get',
    caseId: CASE_ID,
    caseNumber: '〔2026〕家调字第0001号',
    outcome: 'ok',
    changes: [],
    ...changes,
  }
}

const UPDATE = entry(3, {
  action: 'cases.update',
  changes: [
    {
      path: 'summary',
      before: JSON.stringify('邻里纠纷'),
      after: JSON.stringify('邻里噪声纠纷'),
      state: 'shown',
    },
  ],
})

function open(role: 'mediator' | 'supervisor' | 'admin', handlers: Handlers) {
  window.location.hash = '#/audit'
  return installFakeConcord({
    'app.status': () => ok(sessionAs(role)),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    ...handlers,
  })
}

describe('the audit trail page', () => {
  it('lists entries in China time and shows before/after in a drawer', async () => {
    open('supervisor', {
      'audit.list': () => ok({ rows: [UPDATE, entry(2)], next: null }),
    })
    const { user } = renderApp()
    const table = await screen.findByTestId('audit-table')
    const rows = within(table).getAllByTestId('audit-row')
    expect(rows).toHaveLength(2)
    // 02:30:05 UTC is 10:30:05 in Shanghai.
    expect(within(rows[0] as HTMLElement).getByText('2026年11月25日 10:30:05')).toBeTruthy()
    expect(within(rows[0] as HTMLElement).getByText('修改案件信息')).toBeTruthy()
    expect(within(rows[1] as HTMLElement).getByText('查看案件')).toBeTruthy()

    const [first] = rows
    await user.click(within(first as HTMLElement).getByText('修改案件信息'))
    const drawer = await screen.findByRole('dialog', { name: '审计记录 #3' })
    const changes = within(drawer).getByTestId('audit-changes')
    expect(within(changes).getByText('summary')).toBeTruthy()
    expect(within(changes).getByText('邻里纠纷')).toBeTruthy()
    expect(within(changes).getByText('邻里噪声纠纷')).toBeTruthy()
  })

  it('sends the filters to the core', async () => {
    const fake = open('supervisor', { 'audit.list': () => ok({ rows: [UPDATE], next: null }) })
    const { user } = renderApp()
    await screen.findByTestId('audit-table')
    await user.type(screen.getByLabelText('案件编号'), '0001')
    await waitFor(() =>
      expect(fake.payloadsOf('audit.list').at(-1)).toMatchObject({ caseNumber: '0001' }),
    )
    await user.click(screen.getByRole('button', { name: '清除筛选' }))
    await waitFor(() => expect(fake.payloadsOf('audit.list').at(-1)).toEqual({ limit: 50 }))
  })

  it('asks for the next page with the last seq seen', async () => {
    const fake = open('supervisor', {
      'audit.list': (query: ChannelInput<'audit.list'>) =>
        ok(
          query.before === undefined
            ? { rows: [entry(9), entry(8)], next: 8 }
            : { rows: [entry(7)], next: null },
        ),
    })
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: '加载更多' }))
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(3))
    expect(fake.payloadsOf('audit.list').at(-1)).toMatchObject({ before: 8 })
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull()
  })

  it('shows an administrator which fields changed, not the values', async () => {
    open('admin', {
      'audit.list': () =>
        ok({
          rows: [
            entry(3, {
              action: 'cases.update',
              changes: [{ path: 'summary', before: null, after: null, state: 'hidden' }],
            }),
          ],
          next: null,
        }),
    })
    const { user } = renderApp()
    const table = await screen.findByTestId('audit-table')
    await user.click(within(table).getByText('修改案件信息'))
    const drawer = await screen.findByRole('dialog')
    expect(within(drawer).getByText(/只显示哪些字段有变更/)).toBeTruthy()
    expect(within(drawer).getAllByText('（不显示）')).toHaveLength(2)
    // No link into a case an administrator cannot open.
    expect(within(drawer).queryByRole('link', { name: '〔2026〕家调字第0001号' })).toBeNull()
  })

  it('verifies: an intact chain, or the first broken entry', async () => {
    let intact = true
    open('supervisor', {
      'audit.list': () => ok({ rows: [entry(2)], next: null }),
      'audit.verify': () =>
        ok(
          intact
            ? { ok: true, checked: 42, redacted: 0 }
            : {
                ok: false,
                checked: 7,
                redacted: 0,
                firstBroken: { seq: 7, at: '2026-11-25T02:30:05.000Z', reason: 'link' as const },
              },
        ),
    })
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: '验证' }))
    expect(await screen.findByText('哈希链完整，已检查 42 条记录。')).toBeTruthy()
    intact = false
    await user.click(screen.getByRole('button', { name: '验证' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(
      '哈希链在第 7 条记录处断裂：有记录被删除、插入或调换了顺序。',
    )
  })

  it('is not offered to a mediator, and the core is never asked', async () => {
    const fake = open('mediator', {})
    renderApp()
    const nav = await screen.findByRole('navigation')
    expect(within(nav).queryByRole('link', { name: '审计日志' })).toBeNull()
    await waitFor(() => expect(window.location.hash).toBe('#/cases'))
    expect(fake.payloadsOf('audit.list')).toEqual([])
  })
})
