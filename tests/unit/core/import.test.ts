import { describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../src/shared/contract'
import { LEDGER_MAX_BYTES, LEDGER_MAX_ROWS } from '../../../src/shared/schemas/ledger-import'
import type { Core } from '../../../src/main/core/router'
import { decodeCsv } from '../../../src/main/core/import/ledger-file'
import { parseLedgerDate } from '../../../src/main/core/import/ledger-values'
import { call, eachTestWithStaff, refusal, signInAs, ADMIN, type Staff } from '../../support/core'
import {
  HEADERS,
  csvText,
  encodeGbk,
  ledgerRow,
  residentId,
  xlsxLedger,
  type Cell,
} from '../../support/ledger'

let core: Core
let staff: Staff
eachTestWithStaff({ who: (s) => s.supervisor.login }, (env) => ({ core, staff } = env))

type Opened = ChannelOutput<'import.open'>

async function open(bytes: Uint8Array, fileName = '2024年台账.xlsx'): Promise<Opened> {
  return call(core, 'import.open', { fileName, bytes })
}

/** The whole dry run, chunk by chunk as the window does it. */
async function check(opened: Opened, mapping = opened.suggested, limit = 2) {
  const problems: ChannelOutput<'import.check'>['problems'] = []
  let checked = 0
  let total = Infinity
  while (checked < total) {
    const chunk = await call(core, 'import.check', {
      importId: opened.importId,
      mapping,
      offset: checked,
      limit,
    })
    problems.push(...chunk.problems)
    ;({ checked, total } = chunk)
  }
  return problems
}

const commit = (opened: Opened, mapping = opened.suggested) =>
  call(core, 'import.commit', { importId: opened.importId, mapping })

async function allCases() {
  return call(core, 'cases.list', { sort: 'number', direction: 'asc' })
}

const brief = (problems: { row: number; field: string | null; rule: string }[]) =>
  problems.map(({ row, field, rule }) => `${row} ${field} ${rule}`).sort()

describe('opening a ledger', () => {
  it('finds the header row under a title and suggests a mapping from Chinese headers', async () => {
    const opened = await open(await xlsxLedger([ledgerRow(1)], { title: '2024年矛盾纠纷调解台账' }))
    expect(opened.encoding).toBeNull()
    expect(opened.sheets).toEqual([expect.objectContaining({ name: '台账', rowCount: 1 })])
    expect(opened.suggested).toEqual({
      sheet: '台账',
      headerRow: 2,
      columns: {
        number: 0,
        category: 1,
        acceptedAt: 2,
        source: 3,
        district: 4,
        street: 5,
        summary: 6,
        leadMediator: 7,
        riskLevel: 8,
        stage: 9,
        party1Name: 10,
        party1IdNumber: 11,
        party1Phone: 12,
        party2Name: 13,
      },
      defaults: {},
    })
    expect(opened.sheets[0]?.preview[1]?.cells).toEqual(HEADERS)
    // Every candidate header row, so the window can re-map when the user picks another.
    expect(opened.sheets[0]?.headerRows).toEqual([
      { row: 1, columns: {}, rowCount: 2 },
      { row: 2, columns: opened.suggested.columns, rowCount: 1 },
      { row: 3, columns: {}, rowCount: 0 },
    ])
  })

  it('suggests from English headers too', async () => {
    const headers = ['Case number', 'Category', 'Accepted on', 'Source', 'District', 'Summary']
    const opened = await open(await xlsxLedger([], { headers }))
    expect(opened.suggested.columns).toEqual({
      number: 0,
      category: 1,
      acceptedAt: 2,
      source: 3,
      district: 4,
      summary: 5,
    })
  })
})

describe('the dry run', () => {
  it('reports every problem type with the row number Excel shows', async () => {
    await call(core, 'cases.create', {
      source: 'application',
      summary: '已登记的案件',
      district: 'xuhui',
      street: '',
      leadMediatorId: staff.mediator.id,
      coMediatorIds: [],
      riskLevel: 'low',
      acceptedAt: '2024-01-02',
      details: { category: 'family' },
    })
    const existing = (await allCases()).rows[0]?.number ?? ''
    const rows: Cell[][] = [
      ledgerRow(1), // row 3: clean
      ledgerRow(2, { 申请人身份证号: '310101198001011235' }), // row 4
      ledgerRow(3, { 案件类别: '邻里纠纷' }), // row 5
      ledgerRow(4, { 所在区: '海淀区' }), // row 6
      ledgerRow(5, { 主办调解员: '张无忌' }), // row 7
      ledgerRow(6, { 受理日期: '2024-02-30' }), // row 8
      ledgerRow(7, { 纠纷简要情况: null }), // row 9
      ledgerRow(8, { 案件编号: 'TZ-2024-001' }), // row 10: same as row 3
      ledgerRow(9, { 案件编号: existing }), // row 11: already in the case base
      ledgerRow(10, { 申请人身份证号: '3101011980010112' }), // row 12: too short
      ledgerRow(11, { 申请人电话: '12345' }), // row 13
      ledgerRow(12, { 办理状态: '不知道' }), // row 14
      ledgerRow(13, { 风险等级: '很高' }), // row 15
      ledgerRow(14, { 案件来源: '网上' }), // row 16
      ledgerRow(15, { 申请人: null }), // row 17: a party without a name
    ]
    const opened = await open(await xlsxLedger(rows, { title: '台账' }))
    const problems = await check(opened)
    expect(brief(problems)).toEqual(
      [
        '4 party1IdNumber residentId.checksum',
        '5 category unknownCategory',
        '6 district unknownDistrict',
        '7 leadMediator unknownMediator',
        '8 acceptedAt date',
        '9 summary required',
        '10 number duplicateInFile',
        '11 number duplicateInCaseBase',
        '12 party1IdNumber residentId.format',
        '13 party1Phone phone',
        '14 stage unknownStage',
        '15 riskLevel unknownRiskLevel',
        '16 source unknownSource',
        '17 party1Name required',
      ].sort(),
    )
    expect(problems.find((p) => p.rule === 'duplicateInFile')).toMatchObject({
      row: 10,
      otherRow: 3,
      value: 'TZ-2024-001',
    })
    expect(problems.find((p) => p.row === 6)?.value).toBe('海淀区')
  })

  it('reports required fields without a column, and accepts a value for blank cells', async () => {
    const headers = ['案件编号', '受理日期', '纠纷简要情况']
    const opened = await open(await xlsxLedger([['A-1', '2024-03-05', '邻里漏水']], { headers }))
    expect(brief(await check(opened))).toEqual([
      '2 category required',
      '2 district required',
      '2 leadMediator required',
      '2 riskLevel required',
      '2 source required',
    ])
    const mapping = {
      ...opened.suggested,
      defaults: {
        category: 'owners',
        district: 'pudong',
        leadMediator: staff.colleague.id,
        riskLevel: 'medium',
        source: 'ownInitiative',
      },
    }
    expect(await check(opened, mapping)).toEqual([])
    expect(await commit(opened, mapping)).toEqual({ created: 1 })
    const [row] = (await allCases()).rows
    expect(row).toMatchObject({
      number: 'A-1',
      category: 'owners',
      district: 'pudong',
      riskLevel: 'medium',
      leadMediatorName: staff.colleague.displayName,
    })
  })

  it('refuses a default that is not one of the offered values', async () => {
    const opened = await open(await xlsxLedger([ledgerRow(1)]))
    const error = await refusal(core, 'import.check', {
      importId: opened.importId,
      mapping: { ...opened.suggested, defaults: { district: 'haidian', stage: 'closed' } },
    })
    expect(error.code).toBe('VALIDATION')
    expect(error.fields?.map((f) => f.path).sort()).toEqual([
      'mapping.defaults.district',
      'mapping.defaults.stage',
    ])
  })

  it('reads the date forms ledgers use', () => {
    expect(parseLedgerDate('2024-03-05')).toBe('2024-03-05')
    expect(parseLedgerDate('2024/3/5')).toBe('2024-03-05')
    expect(parseLedgerDate('2024.3.5')).toBe('2024-03-05')
    expect(parseLedgerDate('2024年3月5日')).toBe('2024-03-05')
    expect(parseLedgerDate('２０２４年３月５日')).toBe('2024-03-05')
    expect(parseLedgerDate('20240305')).toBe('2024-03-05')
    expect(parseLedgerDate('45356')).toBe('2024-03-05')
    expect(parseLedgerDate('2024-03-05 14:30')).toBe('2024-03-05')
    for (const bad of ['2024-02-30', '3/5/2024', '2024年13月1日', '1899-01-01', '去年三月', '12']) {
      expect(parseLedgerDate(bad)).toBeUndefined()
    }
  })
})

describe('committing', () => {
  it('imports every row through case registration, keeping ledger numbers and stages', async () => {
    const rows = [
      ledgerRow(1, { 受理日期: new Date(Date.UTC(2024, 2, 5)), 办理状态: '已结案' }),
      ledgerRow(2, { 受理日期: 45357, 案件编号: null }),
      ledgerRow(3, {
        受理日期: '2024年3月7日',
        办理状态: null,
        所在区: '浦东',
        主办调解员: 'tongshi',
      }),
      ledgerRow(4, { 受理日期: '2024/3/8', 案件类别: '信访', 办理状态: '调解不成' }),
    ]
    const opened = await open(await xlsxLedger(rows))
    expect(await check(opened)).toEqual([])
    expect(await commit(opened)).toEqual({ created: 4 })

    const { rows: cases, total } = await allCases()
    expect(total).toBe(4)
    const byDate = Object.fromEntries(cases.map((c) => [c.acceptedAt, c]))
    expect(byDate['2024-03-05']).toMatchObject({ number: 'TZ-2024-001', stage: 'closed' })
    // No number in the ledger: the organization's pattern, as cases.create numbers, counting
    // the year's family cases imported before it (TZ-2024-001 and TZ-2024-003).
    expect(byDate['2024-03-06']).toMatchObject({
      number: '〔2024〕家调字第0003号',
      stage: 'mediation',
    })
    // No stage: the category's first stage.
    expect(byDate['2024-03-07']).toMatchObject({ stage: 'intake', district: 'pudong' })
    expect(byDate['2024-03-07']?.leadMediatorName).toBe(staff.colleague.displayName)
    expect(byDate['2024-03-08']).toMatchObject({ category: 'petition', stage: 'terminated' })

    const file = await call(core, 'cases.get', { caseId: byDate['2024-03-05']?.id ?? '' })
    expect(file.parties.map((p) => [p.name, p.role, p.idType, p.phone]).sort()).toEqual([
      ['李1', 'respondent', null, null],
      ['王1', 'applicant', 'residentId', '13812345678'],
    ])
    expect(file.parties.find((p) => p.role === 'applicant')?.idNumber).toBe(
      residentId('31010119800101101'),
    )
    expect(file.checklist.every((item) => !item.present)).toBe(true)
    expect(file.timeline.map((e) => e.body)).toEqual(['从台账导入：2024年台账.xlsx 第 2 行'])
    // Indexed like a registered case: quick search finds the applicant by name.
    const found = await call(core, 'search.query', { q: '王1' })
    expect(found.map((r) => r.number)).toContain('TZ-2024-001')
    // Closed: the organization's practice target is done, not overdue.
    expect(file.clocks.find((c) => c.clockId === 'practiceConclusion')?.status).toBe('done')
  })

  it('commits all rows or none: a problem in the last row leaves no case', async () => {
    const rows = [1, 2, 3, 4].map((n) => ledgerRow(n))
    rows.push(ledgerRow(5, { 申请人身份证号: '310101198001011235' }))
    const opened = await open(await xlsxLedger(rows))
    const error = await refusal(core, 'import.commit', {
      importId: opened.importId,
      mapping: opened.suggested,
    })
    expect(error).toMatchObject({ code: 'IMPORT_HAS_PROBLEMS', params: { count: 1 } })
    expect((await allCases()).total).toBe(0)
  })

  it('refuses duplicates against the case base at commit, even without a dry run', async () => {
    const first = await open(await xlsxLedger([ledgerRow(1)]))
    await commit(first)
    const again = await open(await xlsxLedger([ledgerRow(2), ledgerRow(1)]))
    expect(brief(await check(again))).toEqual(['3 number duplicateInCaseBase'])
    expect(
      (await refusal(core, 'import.commit', { importId: again.importId, mapping: again.suggested }))
        .code,
    ).toBe('IMPORT_HAS_PROBLEMS')
    expect((await allCases()).total).toBe(1)
  })

  it('continues the numbering after ledger numbers written in the organization pattern', async () => {
    const opened = await open(
      await xlsxLedger([
        ledgerRow(1, { 案件编号: '〔2024〕家调字第0007号' }),
        ledgerRow(2, { 案件编号: null }),
      ]),
    )
    await commit(opened)
    const numbers = (await allCases()).rows.map((c) => c.number).sort()
    expect(numbers).toEqual(['〔2024〕家调字第0007号', '〔2024〕家调字第0008号'])
    const created = await call(core, 'cases.create', {
      source: 'application',
      summary: '新登记',
      district: 'xuhui',
      street: '',
      leadMediatorId: staff.mediator.id,
      coMediatorIds: [],
      riskLevel: 'low',
      acceptedAt: '2024-05-01',
      details: { category: 'family' },
    })
    expect(created.number).toBe('〔2024〕家调字第0009号')
  })
})

describe('saved mappings', () => {
  it('round-trips by header name and is offered for a file with reordered columns', async () => {
    const headers = ['受理日期', '简要案情', '承办人']
    const opened = await open(await xlsxLedger([['2024-03-05', '漏水', '诸葛调解']], { headers }))
    const mapping = {
      ...opened.suggested,
      defaults: { category: 'owners', district: 'jingan', riskLevel: 'low', source: 'application' },
    }
    const saved = await call(core, 'import.saveMapping', {
      name: '物业台账',
      importId: opened.importId,
      mapping,
    })
    expect(saved).toEqual([
      {
        id: expect.any(String),
        name: '物业台账',
        headerRow: 1,
        columns: { acceptedAt: '受理日期', summary: '简要案情', leadMediator: '承办人' },
        defaults: mapping.defaults,
        updatedAt: expect.any(String),
      },
    ])

    const reordered = await open(
      await xlsxLedger([['诸葛调解', '2024-04-01', '停车位', '备注']], {
        headers: ['承办人', '受理日期', '简要案情', '备注'],
      }),
    )
    expect(reordered.saved).toEqual(saved)
    expect(reordered.suggestedFrom).toBe('物业台账')
    expect(reordered.suggested).toEqual({
      sheet: '台账',
      headerRow: 1,
      columns: { leadMediator: 0, acceptedAt: 1, summary: 2 },
      defaults: mapping.defaults,
    })
    expect(await check(reordered)).toEqual([])

    // Saving under the same name replaces the mapping.
    const replaced = await call(core, 'import.saveMapping', {
      name: '物业台账',
      importId: reordered.importId,
      mapping: { ...reordered.suggested, defaults: {} },
    })
    expect(replaced).toHaveLength(1)
    expect(replaced[0]?.defaults).toEqual({})
  })
})

describe('CSV files', () => {
  const rows = [ledgerRow(1, { 申请人: '欧阳娜娜', 街道: '瑞金二路街道' }), ledgerRow(2)]

  it('reads GBK, as Excel on Chinese Windows saves CSV', async () => {
    const bytes = encodeGbk(csvText(rows))
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    const opened = await open(bytes, '台账.csv')
    expect(opened.encoding).toBe('gb18030')
    expect(opened.sheets[0]?.preview[0]?.cells).toEqual(HEADERS)
    expect(await check(opened)).toEqual([])
    await commit(opened)
    const [first] = (await allCases()).rows
    const file = await call(core, 'cases.get', { caseId: first?.id ?? '' })
    expect(file.street).toBe('瑞金二路街道')
    expect(file.parties.find((p) => p.role === 'applicant')?.name).toBe('欧阳娜娜')
  })

  it('reads UTF-8 with and without a byte-order mark', async () => {
    const text = csvText(rows)
    for (const bytes of [
      new TextEncoder().encode(text),
      new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]),
    ]) {
      const opened = await open(bytes, 'ledger.csv')
      expect(opened.encoding).toBe('utf-8')
      expect(opened.sheets[0]?.preview[0]?.cells).toEqual(HEADERS)
      expect(opened.sheets[0]?.preview[1]?.cells[10]).toBe('欧阳娜娜')
    }
  })

  it('keeps long ID numbers and quoted commas as typed', () => {
    const { text, encoding } = decodeCsv(new TextEncoder().encode('"a,b",110101199003078515\n'))
    expect(encoding).toBe('utf-8')
    expect(text).toContain('110101199003078515')
  })
})

describe('limits and refusals', () => {
  it('refuses files over the size limit with the limit in the message', async () => {
    const bytes = new Uint8Array(LEDGER_MAX_BYTES + 1)
    bytes.set([0x50, 0x4b, 0x03, 0x04])
    const error = await refusal(core, 'import.open', { fileName: 'big.xlsx', bytes })
    expect(error).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', params: { maxMb: 20 } })
    expect(error.message).toContain('20 MB')
    const huge = new Uint8Array(LEDGER_MAX_BYTES + 2 * 1024 * 1024)
    expect((await refusal(core, 'import.open', { fileName: 'big.xlsx', bytes: huge })).code).toBe(
      'VALIDATION',
    )
  })

  it('refuses more rows than the limit', async () => {
    const row = csvText([ledgerRow(1)]).split('\r\n')[1] ?? ''
    const text = [
      HEADERS.join(','),
      ...Array.from({ length: LEDGER_MAX_ROWS + 11 }, () => row),
    ].join('\n')
    const error = await refusal(core, 'import.open', {
      fileName: 'big.csv',
      bytes: new TextEncoder().encode(text),
    })
    expect(error).toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', params: { maxRows: 20_000 } })
  })

  it('refuses what is not an .xlsx or .csv ledger', async () => {
    for (const [fileName, bytes] of [
      ['old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
      ['fake.xlsx', new TextEncoder().encode('not a zip')],
      ['broken.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])],
      ['ledger.pdf', new TextEncoder().encode('%PDF-1.7')],
    ] as const) {
      expect((await refusal(core, 'import.open', { fileName, bytes })).code).toBe(
        'IMPORT_UNREADABLE',
      )
    }
    expect(
      (await refusal(core, 'import.open', { fileName: 'empty.csv', bytes: new Uint8Array([0x0a]) }))
        .code,
    ).toBe('IMPORT_EMPTY')
  })

  it('is for supervisors only', async () => {
    const bytes = await xlsxLedger([ledgerRow(1)])
    for (const login of [staff.mediator.login, ADMIN.login]) {
      await signInAs(core, login)
      expect((await refusal(core, 'import.open', { fileName: 'a.xlsx', bytes })).code).toBe(
        'FORBIDDEN',
      )
    }
  })

  it('forgets the file when the case base locks', async () => {
    const opened = await open(await xlsxLedger([ledgerRow(1)]))
    await call(core, 'auth.lock')
    await signInAs(core, staff.supervisor.login)
    const error = await refusal(core, 'import.check', {
      importId: opened.importId,
      mapping: opened.suggested,
    })
    expect(error.code).toBe('IMPORT_EXPIRED')
  })

  it('forgets the file once imported or discarded', async () => {
    const opened = await open(await xlsxLedger([ledgerRow(1)]))
    await call(core, 'import.discard')
    expect(
      (
        await refusal(core, 'import.commit', {
          importId: opened.importId,
          mapping: opened.suggested,
        })
      ).code,
    ).toBe('IMPORT_EXPIRED')
    const again = await open(await xlsxLedger([ledgerRow(1)]))
    await commit(again)
    expect(
      (await refusal(core, 'import.commit', { importId: again.importId, mapping: again.suggested }))
        .code,
    ).toBe('IMPORT_EXPIRED')
    expect((await allCases()).total).toBe(1)
  })
})
