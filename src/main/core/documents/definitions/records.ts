import { ENTRY_KINDS } from '../../../../shared/schemas/document'
import type { Block } from '../model'
import type { DocumentCase } from '../view'
import {
  caseHeader,
  cnDate,
  fileStem,
  mediatorNames,
  partySignatures,
  type DocContext,
  type DocumentDefinition,
} from './common'

type EntryKind = keyof typeof ENTRY_KINDS

/** Paragraphs as the mediator typed them: one per line, blank lines dropped. */
export function bodyParagraphs(body: string): Block[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((text) => ({ type: 'paragraph' as const, text, indent: true }))
}

export function entriesOf(c: DocumentCase, kind: EntryKind) {
  return c.timeline.filter((e) => e.kind === ENTRY_KINDS[kind])
}

/** The chosen entry, or the newest one of its kind (the timeline is newest first). */
function entryFor(ctx: DocContext, kind: EntryKind) {
  const entries = entriesOf(ctx.case, kind)
  const { entryId } = ctx.options
  const entry = entryId ? entries.find((e) => e.id === entryId) : entries[0]
  if (!entry) throw new RangeError('entry')
  return entry
}

const TITLES: Record<EntryKind, string> = {
  sessionRecord: '人民调解笔录',
  investigationRecord: '调查笔录',
  followUpRecord: '人民调解回访记录',
}
const CHECKLIST: Record<EntryKind, string> = {
  sessionRecord: 'mediationRecord',
  investigationRecord: 'investigationRecord',
  followUpRecord: 'followUpRecord',
}
const BODY_HEADINGS: Record<EntryKind, string> = {
  sessionRecord: '调解经过',
  investigationRecord: '调查情况',
  followUpRecord: '回访情况（协议履行情况、当事人意见）',
}

/**
 * 调解笔录 (PML Art. 27), 调查笔录 (Art. 20) and 回访记录 (Art. 31): one timeline entry as a
 * record to be read back to and signed by those present. A caucus entry is printed only when
 * the user included restricted material, and then says so at the top.
 */
function recordDefinition(kind: EntryKind): DocumentDefinition {
  return {
    checklistItem: CHECKLIST[kind],
    availability: (c) => ({ missing: entriesOf(c, kind).length === 0 ? [`entry.${kind}`] : [] }),
    build(ctx) {
      const entry = entryFor(ctx, kind)
      const title = TITLES[kind]
      const stamp = entry.occurredAt.slice(0, 10).replaceAll('-', '')
      return {
        title,
        fileName: fileStem(title, ctx, `-${stamp}`),
        blocks: [
          ...caseHeader(ctx, title),
          ...(entry.restricted
            ? [
                {
                  type: 'paragraph' as const,
                  text: '【背靠背调解／限制阅览材料，不得向对方当事人出示】',
                  align: 'center' as const,
                },
              ]
            : []),
          {
            type: 'fields',
            rows: [
              { label: '时间', value: cnDate(entry.occurredAt) },
              { label: '地点', value: entry.place ?? '' },
              { label: '参加人员', value: entry.attendees.join('、') },
              { label: '调解员', value: mediatorNames(ctx) },
              { label: '记录人', value: entry.authorName },
              { label: '案由', value: ctx.label(`workflow.category.${ctx.case.category}`) },
            ],
          },
          { type: 'heading', text: BODY_HEADINGS[kind] },
          ...bodyParagraphs(entry.body),
          { type: 'paragraph', text: '以上记录已经本人核对（或向本人宣读），无误。', indent: true },
          partySignatures(ctx),
          {
            type: 'signatures',
            rows: [`调解员：${mediatorNames(ctx)}`, `记录人：${entry.authorName}`],
          },
        ],
      }
    },
  }
}

export const sessionRecord = recordDefinition('sessionRecord')
export const investigationRecord = recordDefinition('investigationRecord')
export const followUpRecord = recordDefinition('followUpRecord')
