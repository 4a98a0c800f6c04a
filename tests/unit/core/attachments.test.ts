import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_MB,
  attachmentTypeOf,
  detectTypes,
} from '../../../src/shared/attachments'
import type { ChannelInput } from '../../../src/shared/contract'
import { en } from '../../../src/shared/i18n/en'
import { zhCN } from '../../../src/shared/i18n/zh-CN'
import type { Core } from '../../../src/main/core/router'
import {
  call,
  refusal,
  setUpStaff,
  signInAs,
  tempDir,
  testCore,
  type Staff,
} from '../../support/core'
import { caseInput, type CaseFile } from './case-fixtures'

const ascii = (text: string) => new TextEncoder().encode(text)
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** A distinctive marker that must never appear in clear anywhere in the data folder. */
const MARKER = 'QX-ATTACHMENT-PLAINTEXT-7f3a9c-张三丰身份证'
const PDF = concat(ascii('%PDF-1.7\n'), ascii(`%${MARKER}\n`.repeat(50)), ascii('%%EOF\n'))
const PNG = concat(
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  new Uint8Array(64).fill(7),
)
const JPEG = concat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), new Uint8Array(64).fill(3))
const DOCX = concat(
  new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
  new Uint8Array(26),
  ascii('[Content_Types].xml'),
  ascii('word/document.xml'),
)
const XLSX = concat(
  new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
  new Uint8Array(26),
  ascii('[Content_Types].xml'),
  ascii('xl/workbook.xml'),
)
const CFB = concat(
  new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  new Uint8Array(64),
)
const EXE = concat(ascii('MZ'), new Uint8Array([0x90, 0, 3, 0, 0, 0, 4, 0]), new Uint8Array(64))

describe('attachment type detection (magic numbers, not names)', () => {
  it('recognizes each allowed type and checks the extension against it', () => {
    expect(attachmentTypeOf('调解申请书.pdf', PDF)).toBe('pdf')
    expect(attachmentTypeOf('现场.PNG', PNG)).toBe('png')
    expect(attachmentTypeOf('现场.jpg', JPEG)).toBe('jpeg')
    expect(attachmentTypeOf('现场.jpeg', JPEG)).toBe('jpeg')
    expect(attachmentTypeOf('协议.docx', DOCX)).toBe('docx')
    expect(attachmentTypeOf('清单.xlsx', XLSX)).toBe('xlsx')
    expect(attachmentTypeOf('旧协议.doc', CFB)).toBe('doc')
    expect(attachmentTypeOf('旧清单.xls', CFB)).toBe('xls')
    expect(attachmentTypeOf('笔录.txt', ascii('调解笔录：双方同意。\n'))).toBe('txt')
  })

  it('refuses mismatches and unknown content', () => {
    expect(attachmentTypeOf('协议.pdf', EXE)).toBeNull()
    expect(attachmentTypeOf('照片.png', PDF)).toBeNull()
    expect(attachmentTypeOf('协议.docx', XLSX)).toBeNull()
    expect(attachmentTypeOf('协议.xlsx', DOCX)).toBeNull()
    expect(attachmentTypeOf('a.txt', new Uint8Array([0x61, 0, 0x62]))).toBeNull()
    expect(attachmentTypeOf('a.txt', new Uint8Array([0xc3, 0x28]))).toBeNull()
    // A ZIP that is not an Office document.
    expect(detectTypes(concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), ascii('x.bin')))).toEqual(
      [],
    )
  })
})

const data = tempDir()
let core: Core
let staff: Staff
let mine: CaseFile
let theirs: CaseFile

type AddInput = ChannelInput<'attachments.add'>
const add = (file: CaseFile, rest: Omit<AddInput, 'caseId' | 'version'>) =>
  call(core, 'attachments.add', { caseId: file.id, version: file.version, ...rest })
const addRefused = (file: CaseFile, rest: Omit<AddInput, 'caseId' | 'version'>) =>
  refusal(core, 'attachments.add', { caseId: file.id, version: file.version, ...rest })

beforeAll(async () => {
  core = testCore(data.dir)
  staff = await setUpStaff(core)
  await signInAs(core, staff.colleague.login)
  theirs = await call(core, 'cases.create', {
    ...caseInput('owners', staff),
    leadMediatorId: staff.colleague.id,
  })
  await signInAs(core, staff.mediator.login)
  mine = await call(core, 'cases.create', caseInput('family', staff))
})
afterAll(async () => {
  await core.close()
  data.remove()
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('attachments in the encrypted case base', () => {
  it('stores a file and returns the same bytes; the case file lists it', async () => {
    const updated = await add(mine, { fileName: '调解申请书.pdf', bytes: PDF, restricted: true })
    expect(updated.version).toBe(mine.version + 1)
    expect(updated.attachments).toHaveLength(1)
    const [listed] = updated.attachments
    expect(listed).toMatchObject({
      fileName: '调解申请书.pdf',
      mediaType: 'application/pdf',
      size: PDF.byteLength,
      checklistItemId: null,
      restricted: true,
      uploaderName: staff.mediator.displayName,
    })
    const got = await call(core, 'attachments.get', { attachmentId: listed?.id ?? '' })
    expect(got.fileName).toBe('调解申请书.pdf')
    expect(got.mediaType).toBe('application/pdf')
    expect(Buffer.from(got.bytes).equals(Buffer.from(PDF))).toBe(true)
    mine = updated
  })

  it('leaves no plaintext of the file anywhere in the data folder (database, WAL, others)', () => {
    const files = filesUnder(data.dir)
    expect(files.some((f) => f.endsWith('concord.db'))).toBe(true)
    const needles = [Buffer.from(MARKER), Buffer.from('QX-ATTACHMENT-PLAINTEXT')]
    for (const file of files) {
      const content = readFileSync(file)
      for (const needle of needles) expect(content.includes(needle), file).toBe(false)
    }
  })

  it('marks the checklist item it documents as present, in the same write', async () => {
    expect(mine.checklist.find((i) => i.itemId === 'identityProof')?.present).toBe(false)
    mine = await add(mine, { fileName: '身份证.png', bytes: PNG, checklistItemId: 'identityProof' })
    expect(mine.checklist.find((i) => i.itemId === 'identityProof')?.present).toBe(true)
    expect(mine.attachments.find((a) => a.fileName === '身份证.png')?.checklistItemId).toBe(
      'identityProof',
    )
    const error = await addRefused(mine, {
      fileName: 'x.png',
      bytes: PNG,
      checklistItemId: 'noSuchItem',
    })
    expect(error.code).toBe('VALIDATION')
  })

  it('refuses a file over the limit with ATTACHMENT_TOO_LARGE and writes nothing', async () => {
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1)
    big.set(ascii('%PDF-1.7\n'))
    const error = await addRefused(mine, { fileName: '大文件.pdf', bytes: big })
    expect(error.code).toBe('ATTACHMENT_TOO_LARGE')
    expect(error.params).toEqual({ maxMb: ATTACHMENT_MAX_MB })
    expect(zhCN.errors.ATTACHMENT_TOO_LARGE).toContain('{{maxMb}} MB')
    expect(en.errors.ATTACHMENT_TOO_LARGE).toContain('{{maxMb}} MB')
    const after = await call(core, 'cases.get', { caseId: mine.id })
    expect(after.version).toBe(mine.version)
    expect(after.attachments).toHaveLength(mine.attachments.length)
    // Far beyond the limit, the contract refuses the payload before the handler runs.
    const absurd = await addRefused(mine, {
      fileName: 'huge.pdf',
      bytes: new Uint8Array(ATTACHMENT_MAX_BYTES * 2),
    })
    expect(absurd.code).toBe('VALIDATION')
  })

  it('refuses content that is not an allowed type, or not the type its name says', async () => {
    const random = new Uint8Array(256).map((_, i) => (i * 73 + 41) % 256)
    for (const [fileName, bytes] of [
      ['协议.pdf', EXE],
      ['照片.png', PDF],
      ['随机.pdf', random],
      ['随机.bin', random],
    ] as const) {
      const error = await addRefused(mine, { fileName, bytes })
      expect(error.code, fileName).toBe('ATTACHMENT_TYPE')
      expect(error.params?.allowed).toContain('PDF')
    }
    const after = await call(core, 'cases.get', { caseId: mine.id })
    expect(after.version).toBe(mine.version)
  })

  it('refuses file names with folders, control characters or no extension', async () => {
    for (const fileName of [
      '../etc/passwd.pdf',
      'C:\\Users\\a.pdf',
      'a/b.pdf',
      'bad\u0000name.pdf',
      'line\nbreak.pdf',
      'noextension',
      'x'.repeat(201) + '.pdf',
    ]) {
      const error = await addRefused(mine, { fileName, bytes: PDF })
      expect(error.code, fileName).toBe('VALIDATION')
    }
  })

  it('refuses a stale version with CONFLICT', async () => {
    const stale = { ...mine, version: mine.version - 1 }
    expect((await addRefused(stale, { fileName: 'a.pdf', bytes: PDF })).code).toBe('CONFLICT')
    const attachmentId = mine.attachments[0]?.id ?? ''
    expect(
      (
        await refusal(core, 'attachments.remove', {
          caseId: mine.id,
          version: stale.version,
          attachmentId,
        })
      ).code,
    ).toBe('CONFLICT')
  })

  it('answers NOT_FOUND to a mediator for a case they are not on, and for its files', async () => {
    expect((await addRefused(theirs, { fileName: 'a.pdf', bytes: PDF })).code).toBe('NOT_FOUND')
    await signInAs(core, staff.colleague.login)
    const withFile = await add(theirs, { fileName: '业主名册.xlsx', bytes: XLSX })
    theirs = withFile
    await signInAs(core, staff.mediator.login)
    const attachmentId = withFile.attachments[0]?.id ?? ''
    expect((await refusal(core, 'attachments.get', { attachmentId })).code).toBe('NOT_FOUND')
    expect(
      (
        await refusal(core, 'attachments.remove', {
          caseId: theirs.id,
          version: theirs.version,
          attachmentId,
        })
      ).code,
    ).toBe('NOT_FOUND')
    // Nor can a file of another case be removed through one's own case.
    expect(
      (
        await refusal(core, 'attachments.remove', {
          caseId: mine.id,
          version: mine.version,
          attachmentId,
        })
      ).code,
    ).toBe('NOT_FOUND')
    // A supervisor sees every case's files.
    await signInAs(core, staff.supervisor.login)
    const got = await call(core, 'attachments.get', { attachmentId })
    expect(Buffer.from(got.bytes).equals(Buffer.from(XLSX))).toBe(true)
    await signInAs(core, staff.mediator.login)
  })

  it('removes a file with the case write', async () => {
    const target = mine.attachments.find((a) => a.fileName === '调解申请书.pdf')
    const updated = await call(core, 'attachments.remove', {
      caseId: mine.id,
      version: mine.version,
      attachmentId: target?.id ?? '',
    })
    expect(updated.version).toBe(mine.version + 1)
    expect(updated.attachments.map((a) => a.fileName)).toEqual(['身份证.png'])
    expect((await refusal(core, 'attachments.get', { attachmentId: target?.id })).code).toBe(
      'NOT_FOUND',
    )
    mine = updated
  })
})
