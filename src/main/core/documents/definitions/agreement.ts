import type { AgreementContent, AgreementTerm, Party } from '../../../../shared/schemas/case'
import type { Block, DocumentModel } from '../model'
import type { DocumentCase } from '../view'
import {
  BLANK_DATE,
  cnDate,
  fileStem,
  mediatorNames,
  partyLine,
  partySignatures,
  signingParties,
  type DocContext,
  type DocumentDefinition,
} from './common'
import { bodyParagraphs } from './records'

/**
 * 调解协议书 (PML Art. 29), its household batch, and the record of an oral agreement (Art. 28).
 * The content comes from the case's agreement (progress.agreement, edited in the 文书 tab); a
 * term without its own deadline falls due on the case's performance deadline.
 */
function missingForAgreement(c: DocumentCase, form: AgreementContent['form']): string[] {
  const agreement = c.progress.agreement
  if (!agreement) return ['agreement']
  const missing: string[] = []
  if (agreement.form !== form) missing.push(`agreementForm.${form}`)
  if (c.parties.length === 0) missing.push('parties')
  if (!agreement.facts) missing.push('agreementFacts')
  if (agreement.terms.length === 0) missing.push('agreementTerms')
  const undated = agreement.terms.some((t) => !t.deadline)
  if (undated && !c.progress.performanceDeadline) missing.push('performanceDeadline')
  return missing
}

function termText(term: AgreementTerm, fallbackDeadline: string | undefined): string {
  const deadline = term.deadline ?? fallbackDeadline
  const how = [
    term.method ? `履行方式：${term.method}` : '',
    deadline ? `履行期限：${cnDate(deadline)}前履行完毕` : '',
  ].filter(Boolean)
  const content = term.content.replace(/[。；;]$/, '')
  return how.length > 0 ? `${content}。${how.join('；')}。` : `${content}。`
}

function agreementOf(ctx: DocContext): AgreementContent {
  const agreement = ctx.case.progress.agreement
  if (!agreement) throw new RangeError('agreement')
  return agreement
}

function agreementDate(ctx: DocContext): string {
  const { agreement, agreementEffectiveAt } = ctx.case.progress
  const date = agreement?.signedAt ?? agreementEffectiveAt
  return date ? cnDate(date) : BLANK_DATE
}

/** The body of one written agreement, for the whole case or one household. */
function agreementBlocks(
  ctx: DocContext,
  parties: Party[],
  extraTerms: string[],
  subtitle: string,
): Block[] {
  const c = ctx.case
  const agreement = agreementOf(ctx)
  const on = agreement.signedAt ?? c.progress.agreementEffectiveAt ?? ctx.today
  const signers = parties.filter((p) => signingParties(ctx).includes(p))
  const terms = [
    ...agreement.terms.map((t) => termText(t, c.progress.performanceDeadline)),
    ...extraTerms,
  ]
  const copies = agreement.copies ?? signers.length + 1
  const confirmable = c.progress.personalStatusMatter !== true
  return [
    { type: 'paragraph', text: ctx.organization, align: 'center' },
    { type: 'title', text: '人民调解协议书' },
    { type: 'subtitle', text: subtitle },
    ...parties.map((p) => ({ type: 'paragraph' as const, text: partyLine(ctx, p, on) })),
    { type: 'heading', text: '纠纷的主要事实、争议事项' },
    ...bodyParagraphs(agreement.facts ?? ''),
    ...bodyParagraphs(agreement.issues ?? ''),
    ...(agreement.responsibility
      ? [
          { type: 'heading' as const, text: '各方当事人的责任' },
          ...bodyParagraphs(agreement.responsibility),
        ]
      : []),
    { type: 'heading', text: '经调解，各方当事人自愿达成如下协议' },
    { type: 'list', items: terms },
    {
      type: 'paragraph',
      indent: true,
      text: `本协议自各方当事人签名（盖章）、人民调解员签名并加盖调解组织印章之日起生效，具有法律约束力，当事人应当按照约定履行。${
        confirmable
          ? '当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认。'
          : ''
      }`,
    },
    {
      type: 'paragraph',
      indent: true,
      text: `本协议一式${copies}份，当事人各执一份，${ctx.organization}留存一份。${
        agreement.place ? `签订地点：${agreement.place}。` : ''
      }`,
    },
    partySignatures(ctx, signers),
    { type: 'signatures', rows: [`人民调解员：${mediatorNames(ctx)}`] },
    { type: 'seal', organization: ctx.organization, date: agreementDate(ctx) },
  ]
}

export const agreement: DocumentDefinition = {
  checklistItem: 'agreement',
  availability: (c) => ({ missing: missingForAgreement(c, 'written') }),
  build(ctx): DocumentModel {
    const title = '人民调解协议书'
    return {
      title,
      fileName: fileStem(title, ctx),
      blocks: agreementBlocks(ctx, ctx.case.parties, [], ctx.case.number),
    }
  },
}

/** The households a batch covers: every one that has not refused. */
function batchHouseholds(c: DocumentCase) {
  return c.households.filter((h) => h.agreementStatus !== 'refused')
}

/**
 * One agreement per household of a 动拆迁 or 业委会 case, delivered as one file (a page per
 * household break in the DOCX, one PDF), so dozens can be printed for a signing day at once.
 * Each names the household's own members plus the parties who belong to no household (the
 * expropriation office, the property company), and adds the household's own terms.
 */
export const householdAgreements: DocumentDefinition = {
  checklistItem: 'agreement',
  availability: (c) => ({
    missing: [
      ...missingForAgreement(c, 'written'),
      ...(batchHouseholds(c).length === 0 ? ['households'] : []),
    ],
  }),
  build(ctx): DocumentModel {
    const c = ctx.case
    const agreement = agreementOf(ctx)
    const shared = c.parties.filter((p) => p.householdId === null)
    const blocks = batchHouseholds(c).flatMap((household, i): Block[] => {
      const own = agreement.householdTerms.find((h) => h.householdId === household.id)
      const extra = (own?.terms ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim().replace(/[。；;，,]$/, ''))
        .filter(Boolean)
        .map((line) => `${line}。`)
      const members = c.parties.filter((p) => p.householdId === household.id)
      return [
        ...(i > 0 ? [{ type: 'pageBreak' as const }] : []),
        ...agreementBlocks(ctx, [...members, ...shared], extra, `${c.number}（${household.unit}）`),
      ]
    })
    const title = '人民调解协议书（分户）'
    return { title, fileName: fileStem(title, ctx), blocks }
  },
}

/** 口头调解协议登记 (Art. 28): the mediator records what was agreed orally and how it is kept. */
export const oralAgreement: DocumentDefinition = {
  checklistItem: 'agreement',
  availability: (c) => ({ missing: missingForAgreement(c, 'oral') }),
  build(ctx): DocumentModel {
    const c = ctx.case
    const agreement = agreementOf(ctx)
    const on = agreement.signedAt ?? c.progress.agreementEffectiveAt ?? ctx.today
    const title = '口头调解协议登记表'
    return {
      title,
      fileName: fileStem(title, ctx),
      blocks: [
        { type: 'paragraph', text: ctx.organization, align: 'center' },
        { type: 'title', text: title },
        { type: 'subtitle', text: c.number },
        ...c.parties.map((p) => ({ type: 'paragraph' as const, text: partyLine(ctx, p, on) })),
        { type: 'heading', text: '纠纷事项' },
        ...bodyParagraphs(agreement.facts ?? ''),
        ...bodyParagraphs(agreement.issues ?? ''),
        { type: 'heading', text: '口头协议内容（履行方式、时限）' },
        {
          type: 'list',
          items: agreement.terms.map((t) => termText(t, c.progress.performanceDeadline)),
        },
        {
          type: 'paragraph',
          indent: true,
          text: '根据《中华人民共和国人民调解法》第二十八条，当事人认为无需制作调解协议书的，可以采取口头协议方式，人民调解员应当记录协议内容。口头调解协议自各方当事人达成协议之日起生效。',
        },
        {
          type: 'fields',
          rows: [
            { label: '达成日期', value: agreementDate(ctx) },
            { label: '登记人', value: mediatorNames(ctx) },
          ],
        },
        partySignatures(ctx),
        { type: 'signatures', rows: [`人民调解员：${mediatorNames(ctx)}`] },
        { type: 'seal', organization: ctx.organization, date: agreementDate(ctx) },
      ],
    }
  },
}
