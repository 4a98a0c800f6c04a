import { describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import { call, eachTestWithStaff, refusal, type Staff } from '../../support/core'
import { APPLICANT, caseInput, DETAILS, onCase } from './case-fixtures'

let core: Core
let staff: Staff
eachTestWithStaff({ now: () => new Date('2026-03-10T02:00:00Z') }, (env) => ({ core, staff } = env))

describe('bad input', () => {
  it('refuses a resident ID with a wrong check character, naming the field and the problem', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
    const error = await c.refused('parties.add', {
      party: { ...APPLICANT, idNumber: '310101198001011231' },
    })
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'party.idNumber', rule: 'residentId.checksum' }],
    })
    expect(JSON.stringify(error)).not.toContain('310101198001011231')
  })

  it('stores a valid resident ID as printed on the card and a phone in one form', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
    await c.write('parties.add', {
      party: {
        ...APPLICANT,
        idNumber: APPLICANT.idNumber.toLowerCase(),
        phone: '+86 138-1234-5678',
      },
    })
    expect(c.file.parties[0]).toMatchObject({ idNumber: APPLICANT.idNumber, phone: '13812345678' })
  })

  it('refuses an agreement that took effect before the case was accepted', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('owners', staff)))
    const error = await c.refused('cases.update', {
      patch: { progress: { agreementEffectiveAt: '2026-03-01' } },
    })
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'patch.progress.agreementEffectiveAt', rule: 'dateOrder.beforeAcceptance' }],
    })
  })

  it('refuses a protection order that expires before it was issued', async () => {
    const error = await refusal(core, 'cases.create', {
      ...caseInput('family', staff),
      details: {
        ...DETAILS.family,
        protectionOrderIssuedAt: '2026-03-05',
        protectionOrderExpiresAt: '2026-03-04',
      },
    })
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'details.protectionOrderExpiresAt', rule: 'dateOrder.beforeIssue' }],
    })
    expect((await call(core, 'cases.list', {})).total).toBe(0)
  })

  it('refuses a calendar date that does not exist', async () => {
    const error = await refusal(core, 'cases.create', {
      ...caseInput('owners', staff),
      acceptedAt: '2026-02-30',
    })
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'acceptedAt', rule: 'date' }],
    })
  })

  it('refuses details of another category', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('owners', staff)))
    const error = await c.refused('cases.update', { patch: { details: DETAILS.family } })
    expect(error.fields).toEqual([{ path: 'patch.details.category', rule: 'categoryMismatch' }])
  })

  it('refuses a timeline entry longer than the schema allows', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
    const error = await c.refused('timeline.add', {
      entry: { kind: 'note', occurredAt: '2026-03-05T10:00', body: '记'.repeat(100_001) },
    })
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'entry.body', rule: 'too_big' }],
    })
  })

  it('answers NOT_FOUND for a party of another case', async () => {
    const a = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
    const b = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
    await a.write('parties.add', { party: APPLICANT })
    const partyId = a.file.parties[0]?.id ?? ''
    expect((await b.refused('parties.remove', { partyId })).code).toBe('NOT_FOUND')
    expect(
      (await b.refused('parties.add', { party: { ...APPLICANT, householdId: 'x' } })).fields,
    ).toEqual([{ path: 'party.householdId', rule: 'unknownHousehold' }])
  })
})

describe('optimistic concurrency', () => {
  it('refuses the second of two writers who read the same version, and keeps the first', async () => {
    const created = await call(core, 'cases.create', caseInput('expropriation', staff))
    const first = onCase(core, created)
    const second = onCase(core, created)
    await first.write('households.add', {
      household: { unit: '12号 301室', agreementStatus: 'signed' },
    })
    expect(first.file.version).toBe(created.version + 1)

    const error = await second.refused('cases.update', { patch: { summary: '另一窗口的修改' } })
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toContain('您的修改未保存')
    const now = await call(core, 'cases.get', { caseId: created.id })
    expect(now.summary).toBe(created.summary)
    expect(now.households.map((h) => h.unit)).toEqual(['12号 301室'])
    expect(now.version).toBe(first.file.version)
  })

  it('counts every kind of write as a new version', async () => {
    const c = onCase(core, await call(core, 'cases.create', caseInput('owners', staff)))
    const versions = [c.file.version]
    await c.write('parties.add', { party: APPLICANT })
    versions.push(c.file.version)
    await c.write('parties.update', {
      partyId: c.file.parties[0]?.id ?? '',
      party: { ...APPLICANT, name: '张三' },
    })
    versions.push(c.file.version)
    await c.write('households.add', { household: { unit: '3-502', agreementStatus: 'pending' } })
    versions.push(c.file.version)
    await c.write('households.update', {
      householdId: c.file.households[0]?.id ?? '',
      household: { unit: '3-502', agreementStatus: 'negotiating' },
    })
    versions.push(c.file.version)
    await c.write('parties.remove', { partyId: c.file.parties[0]?.id ?? '' })
    versions.push(c.file.version)
    expect(versions).toEqual([1, 2, 3, 4, 5, 6])
    expect(c.file.households[0]?.agreementStatus).toBe('negotiating')
    expect(c.file.parties).toEqual([])
  })
})
