import type { z } from 'zod'
import { CaseFile } from '../../../shared/schemas/case'
import {
  ENTRY_KINDS,
  type DocumentAvailability,
  type DocumentGenerateInput,
  type DocumentFormat,
  type DocumentKind,
} from '../../../shared/schemas/document'
import { todayInChina } from '../../../shared/domain/iso-date'
import { appendAudit } from '../audit/record'
import { requireUser } from '../cases/access'
import type { CoreContext } from '../context'
import { bindCaseFile } from '../documents/binder'
import { DEFINITIONS } from '../documents/definitions'
import type { DocContext } from '../documents/definitions/common'
import { pseudonym } from '../cases/pseudonym'
import { renderDocx } from '../documents/docx'
import { renderPdf } from '../documents/pdf'
import { documentCase, type ViewOptions } from '../documents/view'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { loadCaseFile } from './case-file'

type GenerateInput = z.output<typeof DocumentGenerateInput>

const MEDIA_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

/** Kinds a category can have at all (the others are not offered, rather than greyed out). */
function applies(kind: DocumentKind, file: CaseFile): boolean {
  if (kind === 'mandatoryReport') return file.category === 'family'
  if (kind === 'householdAgreements') return file.households.length > 0
  // The agreement is either written or oral: only its own document is offered.
  const form = file.progress.agreement?.form
  if (kind === 'oralAgreement') return form === 'oral'
  if (kind === 'agreement') return form !== 'oral'
  if (kind === 'terminationNotice') {
    return file.timeline.some((e) => e.transition?.to === 'terminated')
  }
  return true
}

/**
 * A document leaving the case base is an export (PIPL; DESIGN.md §4): the audit trail records
 * which document, in which view and whether restricted material went with it.
 */
async function auditExport(ctx: CoreContext, input: Omit<GenerateInput, 'options'>) {
  if (!ctx.audit) return
  const { db } = ctx.vault.caseBase()
  await appendAudit(db, {
    userId: ctx.vault.user?.id ?? null,
    action: ctx.audit.channel,
    caseId: input.caseId,
    at: ctx.now().toISOString(),
    changes: [
      { path: 'kind', before: 'null', after: input.kind },
      { path: 'format', before: 'null', after: input.format },
      { path: 'view', before: 'null', after: input.view },
      { path: 'includeRestricted', before: 'null', after: String(input.includeRestricted) },
    ],
  })
  ctx.audit.recorded = true
}

async function caseFor(ctx: CoreContext, caseId: string): Promise<CaseFile> {
  const user = requireUser(ctx)
  const { db } = ctx.vault.caseBase()
  return CaseFile.parse(await loadCaseFile(db, user, caseId, ctx.now()))
}

function viewOptions(
  label: DocContext['label'],
  view: ViewOptions['view'],
  includeRestricted: boolean,
): ViewOptions {
  return {
    view,
    includeRestricted,
    hidden: '（已隐去）',
    pseudonym: pseudonym(label),
  }
}

/** Documents are filed in Chinese whatever the UI language (definitions/common.ts). */
const labels = (ctx: CoreContext): DocContext['label'] => ctx.i18n.getFixedT('zh-CN')

export const documentHandlers = {
  /**
   * The documents this case can produce now, each with what is still missing and, for the
   * records made from one entry, the entries to choose from (restricted ones marked).
   */
  async 'documents.list'({ caseId }, ctx) {
    const file = await caseFor(ctx, caseId)
    const c = documentCase(file, viewOptions(labels(ctx), 'full', true))
    const entryKinds: Partial<Record<DocumentKind, string>> = ENTRY_KINDS
    const list: DocumentAvailability[] = (Object.keys(DEFINITIONS) as (keyof typeof DEFINITIONS)[])
      .filter((kind) => applies(kind, file))
      .map((kind) => {
        const { missing, needsOptions } = DEFINITIONS[kind].availability(c)
        const entryKind = entryKinds[kind]
        return {
          kind,
          formats: ['docx', 'pdf'],
          available: missing.length === 0,
          missing,
          entries: entryKind
            ? c.timeline
                .filter((e) => e.kind === entryKind)
                .map((e) => ({ id: e.id, occurredAt: e.occurredAt, restricted: e.restricted }))
            : [],
          needsOptions: needsOptions === true,
        }
      })
    list.push({
      kind: 'caseFile',
      formats: ['pdf'],
      available: true,
      missing: [],
      entries: [],
      needsOptions: false,
    })
    return list
  },

  /**
   * One document as DOCX or PDF bytes, in the chosen personal-data view. Restricted material
   * (caucus notes, restricted files) is in it only if `includeRestricted`; an entry of a
   * restricted session asked for without it is NOT_FOUND, as if it did not exist.
   */
  async 'documents.generate'(input, ctx) {
    const label = labels(ctx)
    const { caseId, kind, format, view, includeRestricted, options } = input
    const file = await caseFor(ctx, caseId)
    if (kind !== 'caseFile' && !applies(kind, file)) throw new CoreError('NOT_FOUND')
    const c = documentCase(file, viewOptions(label, view, includeRestricted))
    const docContext: DocContext = {
      case: c,
      organization: ctx.org?.name ?? '',
      label,
      today: todayInChina(ctx.now()),
      // What the user typed in the dialog may name a party too.
      options: c.redact(options),
    }
    if (kind === 'caseFile') {
      if (format !== 'pdf') {
        throw new CoreError('VALIDATION', undefined, [{ path: 'format', rule: 'pdfOnly' }])
      }
      if (!ctx.pdf) throw new CoreError('PDF_UNAVAILABLE')
      const { db } = ctx.vault.caseBase()
      const bytes = await bindCaseFile({
        ctx: docContext,
        renderer: ctx.pdf,
        async loadAttachment(id) {
          const row = await db
            .selectFrom('attachment')
            .select(['data', 'mediaType'])
            .where('id', '=', id)
            .where('caseId', '=', c.id)
            .executeTakeFirstOrThrow()
          return { bytes: new Uint8Array(row.data), mediaType: row.mediaType }
        },
      })
      const number = c.number.replace(/[〔〕]/g, '')
      await auditExport(ctx, input)
      return { fileName: `人民调解卷宗-${number}.pdf`, mediaType: MEDIA_TYPES.pdf, bytes }
    }

    const definition = DEFINITIONS[kind]
    const { missing } = definition.availability(c)
    if (missing.length > 0) {
      throw new CoreError('DOCUMENT_NOT_READY', {
        missing: missing
          .map((key) => ctx.i18n.t(`documents.missingItem.${key}`))
          .join(ctx.preferences.language === 'en' ? ', ' : '、'),
      })
    }
    const entryKind = (ENTRY_KINDS as Partial<Record<DocumentKind, string>>)[kind]
    if (entryKind && options.entryId) {
      // Left out of the view (restricted, not included) or another kind: as if it did not exist.
      const found = c.timeline.some((e) => e.id === options.entryId && e.kind === entryKind)
      if (!found) throw new CoreError('NOT_FOUND')
    }
    if (kind === 'mandatoryReport' && !options.mandatoryReport) {
      throw new CoreError('VALIDATION', undefined, [
        { path: 'options.mandatoryReport', rule: 'required' },
      ])
    }
    const model = definition.build(docContext)
    if (format === 'pdf' && !ctx.pdf) throw new CoreError('PDF_UNAVAILABLE')
    const bytes =
      format === 'pdf' && ctx.pdf ? await renderPdf(ctx.pdf, model) : await renderDocx(model)
    await auditExport(ctx, input)
    return { fileName: `${model.fileName}.${format}`, mediaType: MEDIA_TYPES[format], bytes }
  },
} satisfies Partial<Handlers>
