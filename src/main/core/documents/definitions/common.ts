import type { TFunction } from 'i18next'
import type { DocumentOptions } from '../../../../shared/schemas/document'
import type { Party } from '../../../../shared/schemas/case'
import type { Block, DocumentModel } from '../model'
import type { DocumentCase } from '../view'

/**
 * What a document definition works with. Documents are official papers filed in Chinese
 * whatever the UI language, so their wording lives in the definitions and their labels come
 * from the zh-CN locale (`label`), not from the user's language.
 */
export interface DocContext {
  case: DocumentCase
  organization: string
  label: TFunction
  /** Today in China, YYYY-MM-DD: the date printed on documents that carry no other. */
  today: string
  options: DocumentOptions
}

/** Whether a document can be made now, and if not the missing facts (documents.missing.<key>). */
export interface Availability {
  missing: string[]
  needsOptions?: boolean
}

export interface DocumentDefinition {
  /** The 卷宗 checklist item the document belongs to (its place in the bound file). */
  checklistItem: string
  availability(c: DocumentCase): Availability
  build(ctx: DocContext): DocumentModel
}

/** 2026-03-02 → 2026年3月2日; with a time, 2026年3月2日 9:30. */
export function cnDate(iso: string | undefined | null): string {
  if (!iso) return ''
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso)
  if (!match) return iso
  const [, y, m, d, hh, mm] = match
  const date = `${y}年${Number(m)}月${Number(d)}日`
  return hh ? `${date} ${Number(hh)}:${mm}` : date
}

/** The ideographic space (U+3000) Chinese forms put between items on one line. */
export const GAP = '\u3000'

/** A blank date to fill in by hand on a printed form. */
export const BLANK_DATE = '______年____月____日'

/** Full years at `on`, from a YYYY-MM-DD birth date. */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years
}

/**
 * One party as PML Art. 29 lists them: name, sex and age where known, identity document,
 * address and phone — whatever the chosen view leaves.
 */
export function partyLine(ctx: DocContext, party: Party, on: string): string {
  const { label } = ctx
  const parts = [party.name]
  const personal = ctx.case.personal.get(party.id)
  if (party.kind === 'person' && personal) {
    parts.push(personal.sex === 'male' ? '男' : '女', `${ageOn(personal.birthDate, on)}岁`)
  }
  if (party.idNumber) {
    const type = party.idType ? label(`case.idType.${party.idType}`) : '证件'
    parts.push(`${type}号码：${party.idNumber}`)
  }
  if (party.address) parts.push(`${party.kind === 'person' ? '住址' : '住所'}：${party.address}`)
  if (party.phone) parts.push(`联系电话：${party.phone}`)
  return `${label(`case.partyRole.${party.role}`)}：${parts.join('，')}`
}

export function partyLines(ctx: DocContext, on: string): Block[] {
  return ctx.case.parties.map((party) => ({
    type: 'paragraph' as const,
    text: partyLine(ctx, party, on),
  }))
}

/** The parties who sign: applicants, respondents and third parties, not their agents. */
export function signingParties(ctx: DocContext): Party[] {
  return ctx.case.parties.filter((p) => ['applicant', 'respondent', 'thirdParty'].includes(p.role))
}

export function partySignatures(ctx: DocContext, parties = signingParties(ctx)): Block {
  return {
    type: 'signatures',
    rows: parties.map((p) => `${ctx.label(`case.partyRole.${p.role}`)}：${p.name}`),
  }
}

export function mediatorNames(ctx: DocContext): string {
  const c = ctx.case
  return [c.leadMediator.displayName, ...c.coMediators.map((m) => m.displayName)]
    .filter(Boolean)
    .join('、')
}

/** The file name's stem: the document's name and the case number, safe on every file system. */
export function fileStem(title: string, ctx: DocContext, suffix = ''): string {
  const number = ctx.case.number.replace(/[〔〕[\]\\/:*?"<>|]/g, '')
  return `${title}-${number}${suffix}`
}

export function caseHeader(ctx: DocContext, title: string): Block[] {
  return [
    { type: 'paragraph', text: ctx.organization, align: 'center' },
    { type: 'title', text: title },
    { type: 'subtitle', text: ctx.case.number },
  ]
}
