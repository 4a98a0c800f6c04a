import { PDFDocument, type PDFPage } from 'pdf-lib'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import type { DocumentKind } from '../../../shared/schemas/document'
import { ENTRY_KINDS } from '../../../shared/schemas/document'
import { BLANK_DATE, cnDate, mediatorNames, type DocContext } from './definitions/common'
import { DEFINITIONS } from './definitions'
import { renderHtml } from './html'
import type { Block, DocumentModel } from './model'
import { stampPageNumbers, type PdfRenderer } from './pdf'

/**
 * The bound case file (卷宗, issue 6 item 2): cover, 卷内目录 with page numbers, every item of
 * the checklist in its order, and the 备考表. For each item the uploaded files come first —
 * a signed and scanned agreement is the real document — and only an item without files gets
 * the document generated from the case data. PDFs are merged, JPEG and PNG images placed on A4
 * pages, other files (Word, Excel, text) listed as kept electronically. Pages of the documents
 * are numbered 1…N at the top right, as archives number them; cover, contents and back cover
 * are not.
 */
interface Entry {
  title: string
  source: 'generated' | 'attachment'
  /** Null when the file cannot be bound (not PDF or image, or unreadable). */
  pages: PDFDocument | null
  note: string
}

export interface BinderInput {
  ctx: DocContext
  renderer: PdfRenderer
  loadAttachment(id: string): Promise<{ bytes: Uint8Array; mediaType: string }>
}

const A4 = { width: 595.28, height: 841.89 }
const IMAGE_MARGIN = 48

async function imagePage(bytes: Uint8Array, mediaType: string): Promise<PDFDocument> {
  const pdf = await PDFDocument.create()
  const image = mediaType === 'image/png' ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes)
  const page = pdf.addPage([A4.width, A4.height])
  const scale = Math.min(
    (A4.width - 2 * IMAGE_MARGIN) / image.width,
    (A4.height - 2 * IMAGE_MARGIN) / image.height,
    1,
  )
  const [width, height] = [image.width * scale, image.height * scale]
  page.drawImage(image, {
    x: (A4.width - width) / 2,
    y: (A4.height - height) / 2,
    width,
    height,
  })
  return pdf
}

async function attachmentEntry(
  input: BinderInput,
  attachment: { id: string; fileName: string },
): Promise<Entry> {
  const { bytes, mediaType } = await input.loadAttachment(attachment.id)
  const base = { title: attachment.fileName, source: 'attachment' as const }
  try {
    if (mediaType === 'application/pdf') {
      return { ...base, pages: await PDFDocument.load(bytes), note: '' }
    }
    if (mediaType === 'image/jpeg' || mediaType === 'image/png') {
      return { ...base, pages: await imagePage(bytes, mediaType), note: '图片' }
    }
    return { ...base, pages: null, note: '电子文件' }
  } catch {
    // An encrypted or damaged PDF cannot be merged; the contents says so instead of failing.
    return { ...base, pages: null, note: '无法合并' }
  }
}

async function printed(renderer: PdfRenderer, model: DocumentModel): Promise<PDFDocument> {
  return PDFDocument.load(await renderer.htmlToPdf(renderHtml(model)))
}

/** The generated documents that stand for one checklist item when no file was uploaded. */
function generatedFor(ctx: DocContext, item: string): DocumentModel[] {
  const c = ctx.case
  const ready = (kind: Exclude<DocumentKind, 'caseFile'>) =>
    DEFINITIONS[kind].checklistItem === item &&
    DEFINITIONS[kind].availability(c).missing.length === 0 &&
    !DEFINITIONS[kind].availability(c).needsOptions
  const build = (kind: Exclude<DocumentKind, 'caseFile'>, entryId?: string) =>
    DEFINITIONS[kind].build({ ...ctx, options: entryId ? { entryId } : {} })
  const entryKinds = Object.entries(ENTRY_KINDS) as [keyof typeof ENTRY_KINDS, string][]
  for (const [kind, entryKind] of entryKinds) {
    if (ready(kind)) {
      return c.timeline
        .filter((e) => e.kind === entryKind)
        .reverse()
        .map((e) => build(kind, e.id))
    }
  }
  // One agreement document: the household batch where there are households, else the case's.
  const agreement = (['householdAgreements', 'agreement', 'oralAgreement'] as const).find(ready)
  if (agreement) return [build(agreement)]
  const single = (['application', 'rightsNotice', 'terminationNotice'] as const).find(ready)
  return single ? [build(single)] : []
}

function coverModel(ctx: DocContext): DocumentModel {
  const c = ctx.case
  const closed = c.timeline.find((e) => e.transition?.to === 'closed')
  const names = c.parties.map((p) => p.name).join('、')
  return {
    title: '卷宗封面',
    fileName: 'cover',
    cover: true,
    blocks: [
      { type: 'paragraph', text: ctx.organization, align: 'center' },
      { type: 'title', text: '人民调解卷宗' },
      { type: 'subtitle', text: c.number },
      {
        type: 'fields',
        rows: [
          { label: '案件类别', value: ctx.label(`workflow.category.${c.category}`) },
          { label: '当事人', value: names },
          { label: '纠纷简要情况', value: c.summary },
          { label: '受理日期', value: cnDate(c.acceptedAt) },
          { label: '结案日期', value: closed ? cnDate(closed.occurredAt.slice(0, 10)) : '' },
          { label: '办理状态', value: ctx.label(`workflow.stage.${c.stage}`) },
          { label: '调解员', value: mediatorNames(ctx) },
          { label: '立卷日期', value: cnDate(ctx.today) },
        ],
      },
    ],
  }
}

function contentsModel(rows: string[][]): DocumentModel {
  return {
    title: '卷内目录',
    fileName: 'contents',
    blocks: [
      { type: 'title', text: '卷内目录' },
      {
        type: 'table',
        columns: ['序号', '文件名称', '卷宗项目', '来源', '页号', '备注'],
        widths: [8, 33, 21, 13, 10, 15],
        rows,
      },
    ],
  }
}

function backCoverModel(ctx: DocContext, entries: Entry[], totalPages: number): DocumentModel {
  const generated = entries.filter((e) => e.source === 'generated').length
  const unbound = entries.filter((e) => !e.pages).length
  const blocks: Block[] = [
    { type: 'title', text: '备考表' },
    {
      type: 'paragraph',
      indent: true,
      text: `本卷共有文件 ${entries.length} 件，装订 ${totalPages} 页。其中据案件记录生成的文书 ${generated} 件，上传的材料 ${entries.length - generated} 件；未装订、以电子形式保存的文件 ${unbound} 件。`,
    },
    {
      type: 'paragraph',
      indent: true,
      text:
        '背靠背调解记录及限制阅览材料' +
        (ctx.case.timeline.some((e) => e.restricted) ||
        ctx.case.attachments.some((a) => a.restricted)
          ? '已按立卷人选择编入本卷。'
          : '未编入本卷。'),
    },
    { type: 'signatures', rows: [`立卷人：${ctx.case.leadMediator.displayName}`, '检查人：'] },
    { type: 'paragraph', text: `立卷日期：${cnDate(ctx.today) || BLANK_DATE}`, align: 'right' },
  ]
  return { title: '备考表', fileName: 'back', blocks }
}

export async function bindCaseFile(input: BinderInput): Promise<Uint8Array> {
  const { ctx, renderer } = input
  const c = ctx.case
  const checklist = WORKFLOWS[c.category].checklist.map((item) => item.id)
  // Requested together: a renderer that can print in parallel (Chromium) may; Electron's queues.
  const pending: Promise<Entry & { item: string }>[] = []
  const byUpload = [...c.attachments].sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt))
  for (const item of [...checklist, null]) {
    const files = byUpload.filter((a) =>
      item === null ? !checklist.includes(a.checklistItemId ?? '') : a.checklistItemId === item,
    )
    const label = item ? ctx.label(`workflow.document.${item}`) : '其他材料'
    for (const file of files) {
      pending.push(attachmentEntry(input, file).then((entry) => ({ ...entry, item: label })))
    }
    if (files.length === 0 && item !== null) {
      for (const model of generatedFor(ctx, item)) {
        pending.push(
          printed(renderer, model).then((pages) => ({
            title: model.title,
            source: 'generated' as const,
            pages,
            note: '',
            item: label,
          })),
        )
      }
    }
  }
  const entries = await Promise.all(pending)

  const bound = await PDFDocument.create()
  const cover = await printed(renderer, coverModel(ctx))
  const rows: string[][] = []
  let page = 1
  entries.forEach((entry, i) => {
    const count = entry.pages?.getPageCount() ?? 0
    const range = count === 0 ? '' : count === 1 ? `${page}` : `${page}–${page + count - 1}`
    rows.push([
      String(i + 1),
      entry.title,
      entry.item,
      entry.source === 'generated' ? '系统生成' : '上传材料',
      range,
      entry.note,
    ])
    page += count
  })
  const contents = await printed(renderer, contentsModel(rows))
  const back = await printed(renderer, backCoverModel(ctx, entries, page - 1))

  const append = async (source: PDFDocument): Promise<PDFPage[]> => {
    const copied = await bound.copyPages(source, source.getPageIndices())
    return copied.map((p) => bound.addPage(p))
  }
  await append(cover)
  await append(contents)
  const numbered: PDFPage[] = []
  for (const entry of entries) if (entry.pages) numbered.push(...(await append(entry.pages)))
  await append(back)
  const labels = numbered.map((_, i) => String(i + 1))
  await stampPageNumbers(renderer, bound, numbered, labels, 'topRight')
  bound.setTitle(`人民调解卷宗 ${c.number}`)
  bound.setProducer('Concord')
  bound.setCreator('Concord')
  return bound.save()
}
