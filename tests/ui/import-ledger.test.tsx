import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChannelInput, ChannelOutput } from '../../src/shared/contract'
import type { Status } from '../../src/shared/schemas/account'
import { installFakeConcord, ok, renderApp, status } from './harness'
import { mediatorSession, summaryRow, USERS } from './cases-fixtures'

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200)
  window.location.hash = '#/cases'
})

function supervisorSession(): Status {
  const unlocked = status('unlocked')
  return status('unlocked', {
    session: unlocked.session && {
      ...unlocked.session,
      user: { id: 's1', login: 'chen', displayName: '陈主任', role: 'supervisor' },
    },
  })
}

const HEADERS = [
  '案件编号',
  '案件类别',
  '受理日期',
  '案件来源',
  '所在区',
  '纠纷简要情况',
  '主办调解员',
  '风险等级',
  '申请人',
  '申请人身份证号',
]

const COLUMNS = {
  number: 0,
  category: 1,
  acceptedAt: 2,
  source: 3,
  district: 4,
  summary: 5,
  leadMediator: 6,
  riskLevel: 7,
  party1Name: 8,
  party1IdNumber: 9,
}

function opened(n: number): ChannelOutput<'import.open'> {
  return {
    importId: `imp${n}`,
    fileName: `台账${n}.xlsx`,
    encoding: null,
    sheets: [
      {
        name: '台账',
        rowCount: 2,
        preview: [
          { row: 1, cells: HEADERS },
          {
            row: 2,
            cells: [
              'A-1',
              '家庭',
              '2024-03-05',
              '当事人申请',
              '黄浦区',
              '争吵',
              '张丽',
              '低',
              '王五',
              '310101198001011234',
            ],
          },
        ],
        headerRows: [
          { row: 1, columns: COLUMNS, rowCount: 2 },
          { row: 2, columns: {}, rowCount: 1 },
        ],
      },
    ],
    suggested: {
      sheet: '台账',
      headerRow: 1,
      columns: COLUMNS,
      defaults: {},
    },
    suggestedFrom: null,
    saved: [],
  }
}

/** The first file has a bad ID number in row 3; the corrected second one is clean. */
function fakeCore() {
  let opens = 0
  return installFakeConcord({
    'app.status': () => ok(supervisorSession()),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    'cases.list': () => ok({ total: 1, rows: [summaryRow(1)], next: null }),
    'filters.list': () => ok([]),
    'import.open': () => ok(opened(++opens)),
    'import.check': ({ importId }: ChannelInput<'import.check'>) =>
      ok({
        total: 2,
        checked: 2,
        problems:
          importId === 'imp1'
            ? [
                {
                  row: 3,
                  field: 'party1IdNumber' as const,
                  rule: 'residentId.checksum',
                  value: '310101198001011235',
                  otherRow: null,
                },
              ]
            : [],
      }),
    'import.commit': () => ok({ created: 2 }),
    'import.saveMapping': ({ name, mapping }: ChannelInput<'import.saveMapping'>) =>
      ok([
        {
          id: 'm1',
          name,
          headerRow: mapping.headerRow,
          columns: { number: '案件编号' },
          defaults: {},
          updatedAt: '2026-11-25T03:00:00.000Z',
        },
      ]),
    'import.discard': () => ok(null),
  })
}

/** The mapping table is two dozen selects: happy-dom takes a while to render it. */
const SLOW = { timeout: 10_000 }

const ledgerFile = (name: string) => new File([new Uint8Array([0x50, 0x4b, 3, 4])], name)

describe('importing a ledger', () => {
  it('walks a supervisor from the file to the dry run, a corrected file and the import', async () => {
    const core = fakeCore()
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: '导入台账' }))
    const dialog = await screen.findByRole('dialog', { name: '导入案件台账' })
    expect(within(dialog).getByText(/不超过 20 MB、20000 行/)).toBeTruthy()

    await user.upload(screen.getByTestId('ledger-input'), ledgerFile('台账1.xlsx'))
    await within(dialog).findByRole('combobox', { name: '纠纷简要情况 · 台账中的列' }, SLOW)
    expect(core.payloadsOf('import.open')).toEqual([
      { fileName: '台账1.xlsx', bytes: new Uint8Array([0x50, 0x4b, 3, 4]) },
    ])

    await user.type(within(dialog).getByRole('textbox', { name: '对应关系名称' }), '区台账')
    await user.click(within(dialog).getByRole('button', { name: '保存对应关系' }))
    await within(dialog).findByText('已保存对应关系“区台账”。', {}, SLOW)
    expect(core.payloadsOf('import.saveMapping')).toEqual([
      { name: '区台账', importId: 'imp1', mapping: opened(1).suggested },
    ])

    await user.click(within(dialog).getByRole('button', { name: '开始检查' }))
    const table = await within(dialog).findByTestId('import-problem-table', {}, SLOW)
    const cells = within(table)
      .getAllByRole('cell')
      .map((cell) => cell.textContent)
    expect(cells).toEqual([
      '3',
      '申请人证件号码',
      '身份证号码校验位不对，可能有数字录错',
      '310101198001011235',
    ])
    expect(within(dialog).getByText(/1 行有问题，共 1 处/)).toBeTruthy()
    expect(
      within(dialog).getByRole('button', { name: '导入 2 件案件' }).hasAttribute('disabled'),
    ).toBe(true)
    expect(core.payloadsOf('import.check')).toEqual([
      { importId: 'imp1', mapping: opened(1).suggested, offset: 0, limit: 1000 },
    ])

    // The corrected file: same headers, so the mapping carries over to the new import.
    await user.upload(screen.getByTestId('ledger-input'), ledgerFile('台账2.xlsx'))
    await user.click(await within(dialog).findByRole('button', { name: '开始检查' }, SLOW))
    await within(dialog).findByText('全部 2 行检查无误，可以导入。', {}, SLOW)
    await user.click(within(dialog).getByRole('button', { name: '导入 2 件案件' }))
    await within(dialog).findByText('已导入 2 件案件。', {}, SLOW)
    expect(core.payloadsOf('import.commit')).toEqual([
      { importId: 'imp2', mapping: opened(2).suggested },
    ])
    await user.click(within(dialog).getByRole('button', { name: '完成' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(core.payloadsOf('import.discard')).toEqual([])
  })

  it('marks required fields left unmapped and discards the file on cancel', async () => {
    const core = fakeCore()
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: '导入台账' }))
    const dialog = await screen.findByRole('dialog', { name: '导入案件台账' })
    await user.upload(screen.getByTestId('ledger-input'), ledgerFile('台账1.xlsx'))
    const column = await within(dialog).findByRole(
      'combobox',
      { name: '风险等级 · 台账中的列' },
      SLOW,
    )
    await user.click(column)
    await user.click(await screen.findByRole('option', { name: '（不导入）' }, SLOW))
    expect((await within(dialog).findByTestId('import-missing', {}, SLOW)).textContent).toBe(
      '以下必填字段尚未对应：风险等级',
    )
    expect(within(dialog).getByRole('button', { name: '开始检查' }).hasAttribute('disabled')).toBe(
      true,
    )
    // Another header row: its columns (none here) and its row count.
    await user.click(within(dialog).getByRole('combobox', { name: '表头所在行' }))
    await user.click(await screen.findByRole('option', { name: '2' }, SLOW))
    await within(dialog).findByText('共 1 行数据', {}, SLOW)
    expect(within(dialog).getByTestId('import-missing').textContent).toContain('案件类别')
    await user.click(within(dialog).getByRole('button', { name: '取消' }))
    await waitFor(() => expect(core.payloadsOf('import.discard')).toHaveLength(1))
  })

  it('is not offered to mediators', async () => {
    installFakeConcord({
      'app.status': () => ok(mediatorSession()),
      'app.activity': () => ok(null),
      'users.list': () => ok(USERS),
      'cases.list': () => ok({ total: 1, rows: [summaryRow(1)], next: null }),
      'filters.list': () => ok([]),
    })
    renderApp()
    await screen.findByRole('link', { name: '新建案件' })
    expect(screen.queryByRole('button', { name: '导入台账' })).toBeNull()
  })
})
