import { describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import { call, eachTestWithStaff, type Staff } from '../../support/core'
import { APPLICANT, caseInput, ID_NUMBERS, onCase } from './case-fixtures'

let core: Core
let staff: Staff
eachTestWithStaff({ now: () => new Date('2026-03-10T02:00:00Z') }, (env) => ({ core, staff } = env))

const RESPONDENT = {
  kind: 'person',
  name: '李秀英',
  role: 'respondent',
  idType: 'residentId',
  idNumber: ID_NUMBERS.li,
  legalBasis: 'consent',
} as const

/** A family case with its two spouses. */
async function familyCase() {
  const c = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
  await c.write('parties.add', { party: APPLICANT })
  await c.write('parties.add', { party: RESPONDENT })
  const [zhang, li] = c.file.parties
  if (!zhang || !li) throw new Error('parties missing')
  return { c, zhang, li }
}

describe('relationships between parties', () => {
  it('records, replaces and removes a relation, each a new version of the case', async () => {
    const { c, zhang, li } = await familyCase()
    const before = c.file.version

    await c.write('parties.relate', { partyId: zhang.id, otherPartyId: li.id, relation: 'spouse' })
    expect(c.file.version).toBe(before + 1)
    expect(c.file.relations).toEqual([
      { partyId: zhang.id, otherPartyId: li.id, relation: 'spouse' },
    ])

    // The other direction is its own row; the same pair again replaces the relation.
    await c.write('parties.relate', { partyId: li.id, otherPartyId: zhang.id, relation: 'spouse' })
    await c.write('parties.relate', {
      partyId: zhang.id,
      otherPartyId: li.id,
      relation: 'formerSpouse',
    })
    expect(c.file.relations).toHaveLength(2)
    expect(c.file.relations).toContainEqual({
      partyId: zhang.id,
      otherPartyId: li.id,
      relation: 'formerSpouse',
    })

    await c.write('parties.unrelate', { partyId: zhang.id, otherPartyId: li.id })
    expect(c.file.relations).toEqual([
      { partyId: li.id, otherPartyId: zhang.id, relation: 'spouse' },
    ])
    const reread = await call(core, 'cases.get', { caseId: c.file.id })
    expect(reread.relations).toEqual(c.file.relations)
  })

  it('drops a party’s relations with the party', async () => {
    const { c, zhang, li } = await familyCase()
    await c.write('parties.relate', { partyId: zhang.id, otherPartyId: li.id, relation: 'spouse' })
    await c.write('parties.remove', { partyId: li.id })
    expect(c.file.relations).toEqual([])
  })

  it('refuses a relation of a party to itself', async () => {
    const { c, zhang } = await familyCase()
    const error = await c.refused('parties.relate', {
      partyId: zhang.id,
      otherPartyId: zhang.id,
      relation: 'sibling',
    })
    expect(error.code).toBe('VALIDATION')
    expect(error).toMatchObject({ fields: [{ path: 'otherPartyId', rule: 'selfRelation' }] })
  })

  it('refuses a party of another case, and changes nothing', async () => {
    const { c, zhang } = await familyCase()
    const other = onCase(core, await call(core, 'cases.create', caseInput('petition', staff)))
    await other.write('parties.add', { party: RESPONDENT })
    const stranger = other.file.parties[0]
    if (!stranger) throw new Error('party missing')

    const error = await c.refused('parties.relate', {
      partyId: zhang.id,
      otherPartyId: stranger.id,
      relation: 'sibling',
    })
    expect(error.code).toBe('VALIDATION')
    expect(error).toMatchObject({ fields: [{ path: 'otherPartyId', rule: 'unknownParty' }] })
    const now = await call(core, 'cases.get', { caseId: c.file.id })
    expect(now.relations).toEqual([])
    expect(now.version).toBe(c.file.version)
  })

  it('answers NOT_FOUND for removing a relation that does not exist', async () => {
    const { c, zhang, li } = await familyCase()
    const error = await c.refused('parties.unrelate', { partyId: zhang.id, otherPartyId: li.id })
    expect(error.code).toBe('NOT_FOUND')
  })

  it('refuses an unknown relation kind', async () => {
    const { c, zhang, li } = await familyCase()
    const error = await core.handle({
      channel: 'parties.relate',
      payload: {
        caseId: c.file.id,
        version: c.file.version,
        partyId: zhang.id,
        otherPartyId: li.id,
        relation: 'neighbour',
      },
    })
    expect(error).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('refuses a stale version with CONFLICT and keeps the other window’s change', async () => {
    const { c, zhang, li } = await familyCase()
    const second = onCase(core, c.file)
    await c.write('parties.relate', { partyId: zhang.id, otherPartyId: li.id, relation: 'spouse' })

    const error = await second.refused('parties.relate', {
      partyId: zhang.id,
      otherPartyId: li.id,
      relation: 'sibling',
    })
    expect(error.code).toBe('CONFLICT')
    const stale = await second.refused('parties.unrelate', {
      partyId: zhang.id,
      otherPartyId: li.id,
    })
    expect(stale.code).toBe('CONFLICT')
    const now = await call(core, 'cases.get', { caseId: c.file.id })
    expect(now.relations).toEqual([{ partyId: zhang.id, otherPartyId: li.id, relation: 'spouse' }])
  })
})
