import { PDFDocument, StandardFonts } from 'pdf-lib'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import type { ChannelInput } from '../../../src/shared/contract'
import { residentIdCheckCharacter } from '../../../src/shared/domain/resident-id'
import { DocumentKind } from '../../../src/shared/schemas/document'
import { launchChromium } from '../../support/e2e'
import {
  call,
  ORG_NAME,
  refusal,
  setUpStaff,
  signInAs,
  tempDir,
  testCore,
  type Staff,
} from '../../support/core'
import {
  chromiumPdfRenderer,
  docxText,
  pdfFonts,
  pdfPages,
  pdfText,
  renderPages,
} from '../../support/pdf'
import { APPLICANT, caseInput, ID_NUMBERS, onCase, type CaseFile } from './case-fixtures'

/**
 * Issue 6 items 1–3 on a real case base: every document read back from its bytes (DOCX through
 * word/document.xml, PDF through poppler), restricted material kept out unless chosen, and no
 * full ID number, phone or name in any masked or de-identified document.
 */
const RESPONDENT = {
  kind: 'person',
  name: '李秀英',
  role: 'respondent',
  idType: 'residentId',
  idNumber: ID_NUMBERS.li,
  phone: '021-6234 5678',
  address: '上海市黄浦区中山东一路18号',
  legalBasis: 'consent',
} as const satisfies ChannelInput<'parties.add'>['party']
const CAUCUS = '背靠背：李秀英私下表示可以再让两万元'
const HOUSEHOLD_OWNER = {
  ...APPLICANT,
  name: '王建国',
  idNumber: `31010119700505001${residentIdCheckCharacter('31010119700505001')}`,
  phone: '13900001111',
}

// Every PDF is printed by a real Chromium; on a loaded 2-core machine a bound file takes a while.
vi.setConfig({ testTimeout: 240_000 })

let browser: Browser
let data: ReturnType<typeof tempDir>
let core: Core
let staff: Staff
let family: CaseFile
let expropriation: CaseFile
let terminated: CaseFile

const generate = (input: ChannelInput<'documents.generate'>) =>
  call(core, 'documents.generate', input)

async function samplePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  for (const text of ['SIGNED-AGREEMENT-SCAN-1', 'SIGNED-AGREEMENT-SCAN-2']) {
    pdf.addPage().drawText(text, { x: 72, y: 700, size: 18, font })
  }
  return pdf.save()
}

async function samplePng(): Promise<Uint8Array> {
  const context = await browser.newContext({ viewport: { width: 400, height: 300 } })
  const page = await context.newPage()
  await page.setContent('<body style="background:#2a6;margin:0"><h1>PHOTO</h1></body>')
  const png = await page.screenshot()
  await context.close()
  return new Uint8Array(png)
}

beforeAll(async () => {
  browser = await launchChromium()
  data = tempDir()
  core = testCore(data.dir, {
    pdf: await chromiumPdfRenderer(browser),
    now: () => new Date('2026-04-10T02:00:00Z'),
  })
  staff = await setUpStaff(core)
  await signInAs(core, staff.mediator.login)

  const f = onCase(core, await call(core, 'cases.create', caseInput('family', staff)))
  await f.write('parties.add', { party: { ...APPLICANT, address: '上海市黄浦区南京东路100号' } })
  await f.write('parties.add', { party: RESPONDENT })
  await f.write('timeline.add', {
    entry: {
      kind: 'session',
      occurredAt: '2026-03-05T09:30',
      place: '外滩街道调解室',
      attendees: ['张三丰', '李秀英'],
      body: '张三丰陈述：双方因房屋装修款发生争执。\n李秀英（电话13812345678）表示愿意协商。',
    },
  })
  await f.write('timeline.add', {
    entry: {
      kind: 'session',
      occurredAt: '2026-03-06T14:00',
      attendees: ['李秀英'],
      restricted: true,
      body: CAUCUS,
    },
  })
  await f.write('timeline.add', {
    entry: { kind: 'followUp', occurredAt: '2026-04-08T10:00', body: '张三丰确认已收到首期款。' },
  })
  await f.write('attachments.add', {
    fileName: '签字协议扫描.pdf',
    bytes: await samplePdf(),
    checklistItemId: 'identityProof',
  })
  await f.write('attachments.add', {
    fileName: '现场照片.png',
    bytes: await samplePng(),
    checklistItemId: 'evidence',
  })
  await f.write('attachments.add', {
    fileName: '内部意见.txt',
    bytes: new TextEncoder().encode('限制阅览 RESTRICTED-FILE'),
    checklistItemId: 'evidence',
    restricted: true,
  })
  family = f.file

  const e = onCase(core, await call(core, 'cases.create', caseInput('expropriation', staff)))
  for (const unit of ['3号楼101室', '3号楼102室']) {
    await e.write('households.add', { household: { unit, agreementStatus: 'negotiating' } })
  }
  const [h1, h2] = e.file.households
  await e.write('parties.add', { party: { ...HOUSEHOLD_OWNER, householdId: h1!.id } })
  await e.write('parties.add', {
    party: {
      ...APPLICANT,
      name: '赵敏',
      idNumber: undefined,
      idType: undefined,
      phone: undefined,
      householdId: h2!.id,
    },
  })
  await e.write('parties.add', {
    party: {
      kind: 'organization',
      name: '黄浦区房屋征收事务所',
      role: 'respondent',
      legalBasis: 'legalDuty',
    },
  })
  await e.write('timeline.add', {
    entry: {
      kind: 'investigation',
      occurredAt: '2026-03-10T10:00',
      place: '3号楼101室',
      attendees: ['王建国'],
      body: `入户调查王建国（${HOUSEHOLD_OWNER.idNumber}，电话139-0000-1111），核实共同居住人。`,
    },
  })
  await e.write('cases.update', {
    patch: {
      progress: {
        agreementEffectiveAt: '2026-04-01',
        performanceDeadline: '2026-06-30',
        agreement: {
          form: 'written',
          facts: '征收范围内两户居民对安置方案有异议。',
          terms: [{ content: '征收事务所按评估价格给予货币补偿', method: '银行转账' }],
          householdTerms: [
            { householdId: h1!.id, terms: '王建国户补偿款人民币壹佰贰拾万元' },
            { householdId: h2!.id, terms: '赵敏户选择产权调换，安置房一套' },
          ],
        },
      },
    },
  })
  expropriation = e.file

  const t = onCase(core, await call(core, 'cases.create', caseInput('owners', staff)))
  await t.write('parties.add', { party: APPLICANT })
  await t.write('cases.transition', {
    to: 'terminated',
    reason: '被申请人明确拒绝继续调解',
    otherRoutesNoticeGiven: true,
  })
  terminated = t.file
}, 120_000)

afterAll(async () => {
  await core?.close()
  data?.remove()
  await browser?.close()
})

async function setAgreement() {
  const f = onCase(core, await call(core, 'cases.get', { caseId: family.id }))
  family = await f.write('cases.update', {
    patch: {
      progress: {
        rightsNotifiedAt: '2026-03-03',
        agreementEffectiveAt: '2026-03-20',
        performanceDeadline: '2026-04-30',
        agreement: {
          form: 'written',
          facts: '张三丰与李秀英因房屋装修款三万元发生纠纷。',
          issues: '装修款的数额及支付期限。',
          responsibility: '李秀英未按约定支付装修尾款，负主要责任。',
          terms: [
            {
              content: '李秀英向张三丰支付装修款人民币贰万元',
              method: '银行转账',
              deadline: '2026-04-15',
            },
            { content: '张三丰于收款后三日内交付装修验收单' },
          ],
          signedAt: '2026-03-20',
          place: '外滩街道人民调解委员会调解室',
        },
      },
    },
  })
}

describe('documents.list', () => {
  it('says what each document still lacks, and offers the category’s own', async () => {
    const list = await call(core, 'documents.list', { caseId: family.id })
    const agreement = list.find((d) => d.kind === 'agreement')
    expect(agreement).toMatchObject({ available: false, missing: ['agreement'] })
    expect(list.find((d) => d.kind === 'mandatoryReport')).toMatchObject({ needsOptions: true })
    expect(list.find((d) => d.kind === 'householdAgreements')).toBeUndefined()
    const sessions = list.find((d) => d.kind === 'sessionRecord')
    expect(sessions?.entries.map((e) => e.restricted)).toEqual([true, false])
    expect(list.find((d) => d.kind === 'caseFile')).toMatchObject({ formats: ['pdf'] })

    await setAgreement()
    const after = await call(core, 'documents.list', { caseId: family.id })
    expect(after.find((d) => d.kind === 'agreement')).toMatchObject({ available: true })
    expect(after.find((d) => d.kind === 'oralAgreement')).toBeUndefined()
    const refused = await refusal(core, 'documents.generate', {
      caseId: terminated.id,
      kind: 'agreement',
      format: 'docx',
    })
    expect(refused.code).toBe('DOCUMENT_NOT_READY')
  })
})

describe('the agreement (PML Art. 29)', () => {
  it('as DOCX holds the parties, facts, terms with method and deadline, and signature blocks', async () => {
    await setAgreement()
    const doc = await generate({ caseId: family.id, kind: 'agreement', format: 'docx' })
    expect(doc.fileName).toMatch(/^人民调解协议书-2026家调字第\d{4}号\.docx$/)
    const text = await docxText(doc.bytes)
    for (const expected of [
      '人民调解协议书',
      ORG_NAME,
      '申请人：张三丰，男',
      `居民身份证号码：${ID_NUMBERS.zhang}`,
      '住址：上海市黄浦区南京东路100号',
      '被申请人：李秀英，女',
      '装修款的数额及支付期限',
      '负主要责任',
      '履行方式：银行转账；履行期限：2026年4月15日前履行完毕',
      // A term without its own deadline falls due on the case's performance deadline.
      '张三丰于收款后三日内交付装修验收单。履行期限：2026年4月30日前履行完毕',
      '三十日内共同向人民法院申请司法确认',
      '本协议一式3份',
      '人民调解员：诸葛调解',
      '（盖章）',
      '2026年3月20日',
    ]) {
      expect(text).toContain(expected)
    }
  })

  it('as PDF has the same Chinese text with embedded CJK fonts', async () => {
    await setAgreement()
    const doc = await generate({ caseId: family.id, kind: 'agreement', format: 'pdf' })
    const text = pdfText(doc.bytes).replace(/\s+/g, '')
    for (const expected of [
      '人民调解协议书',
      '张三丰',
      ID_NUMBERS.zhang,
      '2026年4月15日前履行完毕',
      '签名：',
    ]) {
      expect(text).toContain(expected)
    }
    // Chromium embeds the CFF-outlined Noto CJK fonts as Type 3 glyph programs: every font
    // is in the file ("emb" yes) and maps back to Unicode ("uni" yes), which pdftotext proves.
    const fonts = pdfFonts(doc.bytes).split('\n').slice(2).filter(Boolean)
    expect(fonts.length).toBeGreaterThan(0)
    for (const line of fonts) expect(line).toMatch(/\s+yes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/)
    renderPages(doc.bytes, 'agreement')
  })

  it('for a household case comes as one document per household in one file', async () => {
    const docx = await generate({
      caseId: expropriation.id,
      kind: 'householdAgreements',
      format: 'docx',
    })
    const text = await docxText(docx.bytes)
    expect(text.match(/人民调解协议书/g)).toHaveLength(2)
    expect(text).toContain('（3号楼101室）')
    expect(text).toContain('王建国户补偿款人民币壹佰贰拾万元')
    expect(text).toContain('赵敏户选择产权调换')
    expect(text).toContain('被申请人：黄浦区房屋征收事务所')
    const pdf = await generate({
      caseId: expropriation.id,
      kind: 'householdAgreements',
      format: 'pdf',
    })
    const pages = pdfText(pdf.bytes).split('\f')
    const first = pages.findIndex((p) => p.includes('3号楼101室'))
    const second = pages.findIndex((p) => p.includes('3号楼102室'))
    expect(second).toBeGreaterThan(first)
    expect(pages[first]).not.toContain('赵敏户')
    renderPages(pdf.bytes, 'household-agreements', 1)
  })
})

describe('the oral agreement (PML Art. 28)', () => {
  it('is offered instead of the written one and records the terms', async () => {
    await setAgreement()
    const f = onCase(core, family)
    const agreement = { ...family.progress.agreement!, form: 'oral' as const }
    await f.write('cases.update', { patch: { progress: { ...family.progress, agreement } } })
    const list = await call(core, 'documents.list', { caseId: family.id })
    expect(list.find((d) => d.kind === 'agreement')).toBeUndefined()
    expect(list.find((d) => d.kind === 'oralAgreement')).toMatchObject({ available: true })
    const doc = await generate({ caseId: family.id, kind: 'oralAgreement', format: 'docx' })
    const text = await docxText(doc.bytes)
    expect(text).toContain('口头调解协议登记表')
    expect(text).toContain('李秀英向张三丰支付装修款人民币贰万元。履行方式：银行转账')
    const masked = await generate({
      caseId: family.id,
      kind: 'oralAgreement',
      format: 'pdf',
      view: 'deidentified',
    })
    const shown = pdfText(masked.bytes).replace(/\s+/g, '')
    expect(shown).toContain('被申请人1向申请人1支付装修款')
    expect(shown).not.toContain('张三丰')
    await setAgreement()
  })
})

describe('restricted material', () => {
  it('caucus notes appear only when the user includes them', async () => {
    const [caucus, open] = (await call(core, 'documents.list', { caseId: family.id })).find(
      (d) => d.kind === 'sessionRecord',
    )!.entries
    const hidden = await refusal(core, 'documents.generate', {
      caseId: family.id,
      kind: 'sessionRecord',
      format: 'docx',
      options: { entryId: caucus!.id },
    })
    expect(hidden.code).toBe('NOT_FOUND')
    const shown = await generate({
      caseId: family.id,
      kind: 'sessionRecord',
      format: 'docx',
      includeRestricted: true,
      options: { entryId: caucus!.id },
    })
    expect(await docxText(shown.bytes)).toContain(CAUCUS)
    const record = await generate({
      caseId: family.id,
      kind: 'sessionRecord',
      format: 'pdf',
      options: { entryId: open!.id },
    })
    const text = pdfText(record.bytes)
    expect(text).toContain('人民调解笔录')
    expect(text).toContain('外滩街道调解室')
    expect(text).not.toContain('背靠背')
  })
})

describe('the bound case file (卷宗)', () => {
  it('has cover, contents with page numbers, documents in checklist order, files merged, back cover', async () => {
    await setAgreement()
    const doc = await generate({ caseId: family.id, kind: 'caseFile', format: 'pdf' })
    const pages = pdfText(doc.bytes)
      .split('\f')
      .filter((p) => p.trim())
    expect(pages[0]).toContain('人民调解卷宗')
    expect(pages[0]).toContain(family.number)
    expect(pages[1]).toContain('卷内目录')
    const contents = pages[1]!.replace(/[ \t]+/g, ' ')
    const order = [
      '人民调解申请书',
      '人民调解权利义务告知书',
      '签字协议扫描.pdf',
      '人民调解笔录',
      '人民调解协议书',
      '现场照片.png',
      '人民调解回访记录',
    ]
    const at = order.map((title) => contents.indexOf(title))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    // The scan's two pages are merged where the contents says.
    const scanLine = contents.split('\n').find((l) => l.includes('签字协议扫描.pdf'))!
    const [from, to] = /(\d+)–(\d+)/.exec(scanLine)!.slice(1).map(Number)
    expect(to! - from!).toBe(1)
    expect(pages[from! + 1]).toContain('SIGNED-AGREEMENT-SCAN-1')
    expect(pages[to! + 1]).toContain('SIGNED-AGREEMENT-SCAN-2')
    // Page numbers are stamped on the documents' pages, top right.
    expect(pages[from! + 1]).toMatch(new RegExp(`^\\s*${from}\\s*$`, 'm'))
    expect(pages.at(-1)).toContain('备考表')
    const all = pages.join('\n')
    expect(all).not.toContain('RESTRICTED-FILE')
    expect(all).not.toContain('内部意见.txt')
    expect(all.replace(/\s+/g, '')).not.toContain(CAUCUS)
    renderPages(doc.bytes, 'case-file', 3)

    const withRestricted = await generate({
      caseId: family.id,
      kind: 'caseFile',
      format: 'pdf',
      includeRestricted: true,
    })
    const full = pdfText(withRestricted.bytes)
    expect(full).toContain('内部意见.txt')
    expect(full).toMatch(/内部意见.txt.*电子文件/)
  })

  it('is PDF only, and needs the platform renderer', async () => {
    const docx = await refusal(core, 'documents.generate', {
      caseId: family.id,
      kind: 'caseFile',
      format: 'docx',
    })
    expect(docx.code).toBe('VALIDATION')
  })
})

describe('the case summary', () => {
  it('fits one page with parties, stages, sessions, outcome and clocks', async () => {
    const doc = await generate({
      caseId: family.id,
      kind: 'caseSummary',
      format: 'pdf',
      view: 'masked',
    })
    expect(pdfPages(doc.bytes)).toBe(1)
    const text = pdfText(doc.bytes)
    for (const expected of [
      '案件摘要',
      '当事人（2）',
      '张**',
      '阶段',
      '调解会谈（1次）',
      '结果',
      '期限',
      '已脱敏',
    ]) {
      expect(text).toContain(expected)
    }
    renderPages(doc.bytes, 'summary', 1)
  })
})

describe('masked and de-identified documents', () => {
  const secrets = [
    '张三丰',
    '李秀英',
    '王建国',
    '赵敏',
    ID_NUMBERS.zhang,
    ID_NUMBERS.li,
    HOUSEHOLD_OWNER.idNumber,
    '13812345678',
    '13900001111',
    '62345678',
    '南京东路100号',
    '中山东一路18号',
  ]
  const mandatoryReport = {
    reportedAt: '2026-03-04T10:00',
    reportedTo: '黄浦分局外滩派出所',
    method: 'phone' as const,
    circumstances: '发现张三丰（13812345678）之子疑似遭受殴打。',
  }

  it('contain no full ID number, phone or party name in any document type', async () => {
    await setAgreement()
    // Every document of the family case; of the others, what only they produce.
    const cases = [
      [family, null],
      [expropriation, ['householdAgreements', 'investigationRecord']],
      [terminated, ['terminationNotice']],
    ] as const
    const seen = new Set<string>()
    for (const [c, only] of cases) {
      const list = await call(core, 'documents.list', { caseId: c.id })
      const wanted = (kind: string) => only === null || (only as readonly string[]).includes(kind)
      for (const item of list.filter((d) => d.available && wanted(d.kind))) {
        for (const view of ['masked', 'deidentified'] as const) {
          for (const format of item.formats) {
            const doc = await generate({
              caseId: c.id,
              kind: item.kind,
              format,
              view,
              options: item.kind === 'mandatoryReport' ? { mandatoryReport } : {},
            })
            const text = (
              format === 'pdf' ? pdfText(doc.bytes) : await docxText(doc.bytes)
            ).replace(/\s+/g, '')
            for (const secret of secrets) {
              expect(text, `${item.kind} ${view} ${format}`).not.toContain(secret)
            }
            seen.add(item.kind)
          }
        }
      }
    }
    // Every kind was scanned (the oral agreement, offered instead of the written one, in its own test).
    expect([...seen].sort()).toEqual(
      DocumentKind.options.filter((k) => k !== 'oralAgreement').sort(),
    )
  })
})

describe('access', () => {
  it('a mediator not on the case gets NOT_FOUND; the administrator FORBIDDEN', async () => {
    await signInAs(core, staff.colleague.login)
    const other = await refusal(core, 'documents.generate', {
      caseId: family.id,
      kind: 'agreement',
      format: 'docx',
    })
    expect(other.code).toBe('NOT_FOUND')
    expect((await refusal(core, 'documents.list', { caseId: family.id })).code).toBe('NOT_FOUND')
    await signInAs(core, 'ouyang')
    expect((await refusal(core, 'documents.list', { caseId: family.id })).code).toBe('FORBIDDEN')
    await signInAs(core, staff.supervisor.login)
    const summary = await generate({ caseId: family.id, kind: 'caseSummary', format: 'docx' })
    expect(await docxText(summary.bytes)).toContain('张三丰')
    // Every document that leaves is audited with its kind, view and restricted choice.
    const { rows } = await call(core, 'audit.list', {
      caseId: family.id,
      action: 'documents.generate',
      limit: 1,
    })
    expect(rows[0]?.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'kind', after: 'caseSummary' }),
        expect.objectContaining({ path: 'view', after: 'full' }),
        expect.objectContaining({ path: 'includeRestricted', after: 'false' }),
      ]),
    )
    await signInAs(core, staff.mediator.login)
  })

  it('without a PDF renderer the core answers PDF_UNAVAILABLE, and DOCX still works', async () => {
    const bare = tempDir()
    const plain = testCore(bare.dir)
    try {
      const s = await setUpStaff(plain)
      await signInAs(plain, s.mediator.login)
      const c = await call(plain, 'cases.create', caseInput('petition', s))
      const refused = await refusal(plain, 'documents.generate', {
        caseId: c.id,
        kind: 'caseSummary',
        format: 'pdf',
      })
      expect(refused.code).toBe('PDF_UNAVAILABLE')
      const docx = await call(plain, 'documents.generate', {
        caseId: c.id,
        kind: 'caseSummary',
        format: 'docx',
      })
      expect(await docxText(docx.bytes)).toContain('案件摘要')
    } finally {
      await plain.close()
      bare.remove()
    }
  })
})
