import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChannelOutput } from '../../src/shared/contract'
import type { Figures } from '../../src/shared/schemas/statistics'
import { mediatorSession, summaryRow, USERS } from './cases-fixtures'
import { installFakeConcord, ok, renderApp, status, type Handlers } from './harness'

type Dashboard = ChannelOutput<'stats.dashboard'>

const figures = (accepted: number, closed: number): Figures => ({
  counts: {
    accepted,
    closed,
    agreed: closed - 1,
    onTime: closed - 2,
    open: 7,
    overdue: 2,
    followUpDue: 4,
    followedUp: 3,
  },
  averageDays: 21.5,
  rates: {
    agreementRate: (closed - 1) / closed,
    onTimeRate: (closed - 2) / closed,
    followUpRate: 0.75,
  },
})

const DASHBOARD: Dashboard = {
  period: { from: '2026-03-01', to: '2026-03-31', asOf: '2026-03-31' },
  totals: figures(12, 10),
  breakdowns: {
    category: [{ key: 'family', label: null, figures: figures(8, 6) }],
    stage: [{ key: 'mediation', label: null, figures: figures(5, 3) }],
    month: [{ key: '2026-03', label: null, figures: figures(12, 10) }],
    district: [{ key: 'xuhui', label: null, figures: figures(12, 10) }],
    source: [{ key: 'application', label: null, figures: figures(12, 10) }],
    mediator: [{ key: 'm1', label: '张丽', figures: figures(12, 10) }],
  },
  contracts: [
    {
      contract: {
        id: 'k1',
        title: '2026年外滩街道调解服务',
        purchaser: '外滩街道办事处',
        contractNo: 'WT-01',
        from: '2026-01-01',
        to: '2026-12-31',
        district: null,
        targets: [],
      },
      asOf: '2026-03-31',
      targets: [{ indicator: 'onTimeRate', value: 90, actual: 80, met: false }],
    },
  ],
}

function session(role: 'supervisor' | 'admin') {
  const unlocked = status('unlocked')
  return status('unlocked', {
    session: unlocked.session && {
      ...unlocked.session,
      user: { id: role === 'admin' ? 'a1' : 's1', login: role, displayName: '陈主任', role },
    },
  })
}

function fake(role: 'supervisor' | 'admin', extra: Handlers = {}) {
  return installFakeConcord({
    'app.status': () => ok(session(role)),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    'stats.dashboard': () => ok(DASHBOARD),
    'contracts.list': () => ok([DASHBOARD.contracts[0]!.contract]),
    'reports.list': () => ok([]),
    'stats.drilldown': () =>
      ok({
        total: 1,
        rows: [
          {
            id: 'c1',
            number: '〔2026〕家调字第0001号',
            category: 'family',
            stage: 'closed',
            source: 'application',
            district: 'xuhui',
            acceptedAt: '2026-03-02',
            concludedOn: '2026-03-09',
            closedOn: '2026-03-20',
            conclusionDue: '2026-04-02',
            leadMediatorName: '张丽',
          },
        ],
      }),
    'reports.export': () =>
      ok({ fileName: 'r.xlsx', mediaType: 'application/octet-stream', data: btoa('xlsx') }),
    ...extra,
  })
}

beforeEach(() => {
  window.location.hash = '#/statistics'
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test')
  vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined)
})

describe('statistics dashboard', () => {
  it('shows the figures, contract progress, and drills down to the cases behind a figure', async () => {
    const concord = fake('supervisor')
    const { user } = renderApp()
    const closed = await screen.findByRole('button', { name: '结案数 10' })
    expect(screen.getByTestId('kpi-agreementRate').textContent).toContain('90.0%')
    expect(screen.getByTestId('kpi-agreementRate').textContent).toContain('9 / 10')
    expect(screen.getByTestId('kpi-averageDays').textContent).toContain('21.5')
    const progress = screen.getByRole('region', { name: '合同目标完成情况' })
    expect(within(progress).getByText('80% / 90%')).toBeTruthy()
    expect(within(progress).getByText('未达成')).toBeTruthy()

    await user.click(closed)
    const dialog = await screen.findByRole('dialog')
    await within(dialog).findByRole('link', { name: '〔2026〕家调字第0001号' })
    expect(within(dialog).getByText('结案数：1 件')).toBeTruthy()
    expect(concord.payloadsOf('stats.drilldown')[0]).toMatchObject({
      set: 'closed',
      period: { from: expect.any(String), to: expect.any(String) },
    })
  })

  it('sends the chosen period and exports the period report', async () => {
    const concord = fake('supervisor')
    const { user } = renderApp()
    await screen.findByRole('button', { name: '结案数 10' })
    await user.click(screen.getByRole('radio', { name: '年度' }))
    await waitFor(() => {
      const last = concord.payloadsOf('stats.dashboard').at(-1) as {
        period: { from: string; to: string }
      }
      expect(last.period.from.endsWith('-01-01')).toBe(true)
      expect(last.period.to.endsWith('-12-31')).toBe(true)
    })
    await user.click(screen.getByRole('button', { name: '导出报表（XLSX）' }))
    await waitFor(() => expect(concord.payloadsOf('reports.export')).toHaveLength(1))
    expect(concord.payloadsOf('reports.export')[0]).toMatchObject({
      title: '浦江测试人民调解委员会调解工作统计报表',
    })
  })

  it('gives an administrator figures without drill-down or reports', async () => {
    fake('admin')
    renderApp()
    await screen.findByTestId('kpi-closed')
    expect(screen.queryByRole('button', { name: '结案数 10' })).toBeNull()
    expect(screen.queryByRole('button', { name: '导出报表（XLSX）' })).toBeNull()
    expect(screen.getByRole('button', { name: '登记合同' })).toBeTruthy()
  })
})

describe('case-list export', () => {
  beforeEach(() => {
    window.location.hash = '#/cases?category=family'
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
  })

  it('exports the current filters in chunks with progress, columns and masking chosen', async () => {
    let done = 0
    const concord = installFakeConcord({
      'app.status': () => ok(mediatorSession()),
      'app.activity': () => ok(null),
      'users.list': () => ok(USERS),
      'cases.list': () => ok({ total: 3, rows: [summaryRow(1)], next: null }),
      'exports.begin': () => ok({ exportId: 'e1', done: 0, total: 3, view: 'masked' }),
      'exports.next': () =>
        ok({ exportId: 'e1', done: (done += 2) > 3 ? 3 : done, total: 3, view: 'masked' }),
      'exports.finish': () =>
        ok({ fileName: '案件列表-2026-03-20.csv', mediaType: 'text/csv', data: btoa('x') }),
    })
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: '导出' }))
    const dialog = await screen.findByRole('dialog')
    await user.click(within(dialog).getByRole('radio', { name: 'CSV' }))
    await user.click(within(dialog).getByRole('radio', { name: '脱敏' }))
    await user.click(within(dialog).getByRole('checkbox', { name: '联系电话' }))
    await user.click(within(dialog).getByRole('button', { name: '开始导出' }))
    await within(dialog).findByText('已导出 3 件：案件列表-2026-03-20.csv')
    expect(concord.payloadsOf('exports.begin')[0]).toMatchObject({
      query: { category: 'family' },
      format: 'csv',
      view: 'masked',
      includeRestricted: false,
      columns: expect.arrayContaining(['number', 'parties', 'phones']),
    })
    expect(concord.payloadsOf('exports.next')).toHaveLength(2)
  })
})
