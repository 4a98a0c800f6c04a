import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChannelOutput } from '../../src/shared/contract'
import { installFakeConcord, ok, type Handlers } from './harness'
import { renderApp } from './harness'
import { caseFile, mediatorSession, USERS } from './cases-fixtures'

type Availability = ChannelOutput<'documents.list'>[number]

const item = (kind: Availability['kind'], changes: Partial<Availability> = {}): Availability => ({
  kind,
  formats: kind === 'caseFile' ? ['pdf'] : ['docx', 'pdf'],
  available: true,
  missing: [],
  entries: [],
  needsOptions: false,
  ...changes,
})

const LIST: Availability[] = [
  item('application'),
  item('sessionRecord', {
    entries: [
      { id: 'e2', occurredAt: '2026-11-28T15:00', restricted: true },
      { id: 'e1', occurredAt: '2026-11-27T09:30', restricted: false },
    ],
  }),
  item('agreement', { available: false, missing: ['agreement'] }),
  item('caseSummary'),
  item('caseFile'),
]

const CAUCUS = {
  id: 'e2',
  kind: 'session' as const,
  occurredAt: '2026-11-28T15:00',
  place: null,
  attendees: [],
  restricted: true,
  body: '背靠背',
  authorName: '张丽',
  transition: null,
}

function openDocuments(handlers: Handlers = {}, file = caseFile()) {
  window.location.hash = `#/cases/${file.id}?tab=documents`
  return installFakeConcord({
    'app.status': () => ok(mediatorSession()),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    'cases.get': () => ok(file),
    'documents.list': () => ok(LIST),
    'documents.generate': () =>
      ok({ fileName: '案件摘要.pdf', mediaType: 'application/pdf', bytes: new Uint8Array([37]) }),
    ...handlers,
  })
}

beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test')
  vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined)
  // The download link would navigate happy-dom's window away from the app.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
})

describe('the 文书 tab', () => {
  it('says what a document lacks and sends the chosen view; restricted stays off by default', async () => {
    const core = openDocuments({}, caseFile({ timeline: [CAUCUS] }))
    const { user } = renderApp()
    const table = await screen.findByRole('table', { name: '文书' })
    const agreementRow = within(table).getByText('调解协议书').closest('tr') as HTMLElement
    expect(agreementRow.textContent).toContain('尚缺：协议内容')
    expect(within(agreementRow).getByRole('button', { name: '调解协议书 DOCX' })).toHaveProperty(
      'disabled',
      true,
    )
    expect(screen.getByRole('checkbox', { name: /包含背靠背调解记录/ })).toHaveProperty(
      'checked',
      false,
    )

    await user.click(screen.getByText('去标识化'))
    await user.click(screen.getByRole('button', { name: '案件摘要（一页） PDF' }))
    await waitFor(() => expect(core.payloadsOf('documents.generate')).toHaveLength(1))
    expect(core.payloadsOf('documents.generate')[0]).toEqual({
      caseId: 'c1',
      kind: 'caseSummary',
      format: 'pdf',
      view: 'deidentified',
      includeRestricted: false,
      options: {},
    })

    // The caucus session cannot be picked until restricted material is included.
    await user.click(screen.getByRole('button', { name: '调解笔录 DOCX' }))
    await waitFor(() => expect(core.payloadsOf('documents.generate')).toHaveLength(2))
    expect(core.payloadsOf('documents.generate')[1]).toMatchObject({
      kind: 'sessionRecord',
      options: { entryId: 'e1' },
      includeRestricted: false,
    })
    await user.click(screen.getByRole('checkbox', { name: /包含背靠背调解记录/ }))
    await user.click(screen.getByRole('button', { name: '调解笔录 DOCX' }))
    await waitFor(() => expect(core.payloadsOf('documents.generate')).toHaveLength(3))
    expect(core.payloadsOf('documents.generate')[2]).toMatchObject({
      kind: 'sessionRecord',
      options: { entryId: 'e2' },
      includeRestricted: true,
    })
  })

  it('offers no restricted option on a case without restricted material', async () => {
    openDocuments()
    renderApp()
    await screen.findByRole('table', { name: '文书' })
    expect(screen.queryByRole('checkbox', { name: /包含背靠背调解记录/ })).toBeNull()
  })

  it('saves the agreement content into the case progress, keeping the other progress facts', async () => {
    const file = caseFile({ progress: { performanceDeadline: '2026-12-31' } })
    const core = openDocuments({ 'cases.update': () => ok(file) }, file)
    const { user } = renderApp()
    await user.click(await screen.findByRole('button', { name: '编辑协议内容' }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('纠纷的主要事实'), '双方因家务分工争吵')
    await user.type(within(dialog).getByLabelText('协议事项'), '男方每周承担三次家务')
    await user.type(within(dialog).getByLabelText('履行方式'), '自行履行')
    await user.click(within(dialog).getByRole('button', { name: '保存' }))
    await waitFor(() => expect(core.payloadsOf('cases.update')).toHaveLength(1))
    expect(core.payloadsOf('cases.update')[0]).toEqual({
      caseId: 'c1',
      version: 3,
      patch: {
        progress: {
          performanceDeadline: '2026-12-31',
          agreement: {
            form: 'written',
            facts: '双方因家务分工争吵',
            terms: [{ content: '男方每周承担三次家务', method: '自行履行' }],
            householdTerms: [],
          },
        },
      },
    })
  })
})
