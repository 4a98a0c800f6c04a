import { screen, waitFor, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { installFakeConcord, ok, renderApp, type Handlers } from './harness'
import { caseFile, mediatorSession, USERS } from './cases-fixtures'

const party = (id: string, name: string, role: 'applicant' | 'respondent') => ({
  id,
  kind: 'person' as const,
  name,
  role,
  idType: null,
  idNumber: null,
  phone: null,
  address: null,
  civilCapacity: 'full' as const,
  minor: false,
  legalBasis: 'consent' as const,
  sensitiveConsent: false,
  householdId: null,
})

const PARTIES = [party('p1', '张三', 'applicant'), party('p2', '李四', 'respondent')]

function openParties(handlers: Handlers, file = caseFile({ parties: PARTIES })) {
  window.location.hash = `#/cases/${file.id}`
  return installFakeConcord({
    'app.status': () => ok(mediatorSession()),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    'cases.get': () => ok(file),
    ...handlers,
  })
}

async function choose(user: UserEvent, label: string, option: string) {
  await user.click(screen.getByLabelText(label, { selector: 'input' }))
  await user.click(await screen.findByRole('option', { name: option }))
}

describe('relationships between parties', () => {
  it('records a relation with the version on screen and shows it as a sentence', async () => {
    const related = caseFile({
      parties: PARTIES,
      version: 4,
      relations: [{ partyId: 'p1', otherPartyId: 'p2', relation: 'spouse' }],
    })
    const fake = openParties({ 'parties.relate': () => ok(related) })
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '当事人' }))
    expect(screen.getByText('尚未记录当事人之间的关系。')).toBeTruthy()

    const add = screen.getByRole('button', { name: '添加关系' })
    expect(add.hasAttribute('disabled')).toBe(true)
    await choose(user, '当事人', '张三')
    await choose(user, '关系', '配偶')
    await choose(user, '对方当事人', '李四')
    await user.click(add)

    await waitFor(() =>
      expect(fake.payloadsOf('parties.relate')).toEqual([
        { caseId: 'c1', version: 3, partyId: 'p1', otherPartyId: 'p2', relation: 'spouse' },
      ]),
    )
    expect((await screen.findByTestId('party-relation')).textContent).toBe('张三 — 配偶 — 李四')
  })

  it('offers only the other parties as the other side', async () => {
    openParties({})
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '当事人' }))
    await choose(user, '当事人', '张三')
    await user.click(screen.getByLabelText('对方当事人', { selector: 'input' }))
    expect(await screen.findByRole('option', { name: '李四' })).toBeTruthy()
    expect(screen.queryByRole('option', { name: '张三' })).toBeNull()
  })

  it('removes a relation', async () => {
    const file = caseFile({
      parties: PARTIES,
      relations: [{ partyId: 'p2', otherPartyId: 'p1', relation: 'guardian' }],
    })
    const fake = openParties(
      { 'parties.unrelate': () => ok(caseFile({ parties: PARTIES, version: 4 })) },
      file,
    )
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '当事人' }))
    const row = await screen.findByTestId('party-relation')
    expect(row.textContent).toBe('李四 — 监护人 — 张三')
    await user.click(screen.getByRole('button', { name: '删除关系：李四 — 监护人 — 张三' }))
    await waitFor(() =>
      expect(fake.payloadsOf('parties.unrelate')).toEqual([
        { caseId: 'c1', version: 3, partyId: 'p2', otherPartyId: 'p1' },
      ]),
    )
    await waitFor(() => expect(screen.queryByTestId('party-relation')).toBeNull())
    expect(within(document.body).getByText('尚未记录当事人之间的关系。')).toBeTruthy()
  })
})
