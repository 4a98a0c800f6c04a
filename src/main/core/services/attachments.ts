import { createHash, randomUUID } from 'node:crypto'
import {
  ALLOWED_EXTENSIONS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_MB,
  ATTACHMENT_TYPES,
  CASE_ATTACHMENTS_MAX_BYTES,
  CASE_ATTACHMENTS_MAX_MB,
  attachmentTypeOf,
} from '../../../shared/attachments'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { findVisibleCase, requireUser } from '../cases/access'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { writeCase } from './case-write'

export const attachmentHandlers = {
  /**
   * Stores the file inside the encrypted case base in the case's write: size, type (from the
   * bytes' magic numbers, matching the name's extension) and the case's total are checked
   * before anything is written; a checklist item it documents is marked present with it.
   */
  async 'attachments.add'(input, ctx) {
    const { caseId, version, fileName, bytes, checklistItemId, restricted } = input
    return writeCase(ctx, { caseId, version }, async ({ trx, row, user, now }) => {
      if (bytes.byteLength > ATTACHMENT_MAX_BYTES) {
        throw new CoreError('ATTACHMENT_TOO_LARGE', { maxMb: ATTACHMENT_MAX_MB })
      }
      const type = attachmentTypeOf(fileName, bytes)
      if (!type) throw new CoreError('ATTACHMENT_TYPE', { allowed: ALLOWED_EXTENSIONS })
      if (
        checklistItemId !== undefined &&
        !WORKFLOWS[row.category].checklist.some((item) => item.id === checklistItemId)
      ) {
        throw new CoreError('VALIDATION', undefined, [
          { path: 'checklistItemId', rule: 'unknownItem' },
        ])
      }
      const { total } = await trx
        .selectFrom('attachment')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('total'))
        .where('caseId', '=', row.id)
        .executeTakeFirstOrThrow()
      if (Number(total) + bytes.byteLength > CASE_ATTACHMENTS_MAX_BYTES) {
        throw new CoreError('ATTACHMENT_CASE_FULL', { maxMb: CASE_ATTACHMENTS_MAX_MB })
      }
      const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      await trx
        .insertInto('attachment')
        .values({
          id: randomUUID(),
          caseId: row.id,
          checklistItemId: checklistItemId ?? null,
          timelineEntryId: null,
          fileName,
          mediaType: ATTACHMENT_TYPES[type].mediaType,
          size: bytes.byteLength,
          sha256: createHash('sha256').update(data).digest('hex'),
          data,
          restricted: restricted ? 1 : 0,
          uploadedBy: user.id,
          uploadedAt: now,
        })
        .execute()
      if (checklistItemId !== undefined) {
        await trx
          .insertInto('checklistItem')
          .values({
            caseId: row.id,
            itemId: checklistItemId,
            present: 1,
            notedBy: user.id,
            notedAt: now,
          })
          .onConflict((oc) =>
            oc
              .columns(['caseId', 'itemId'])
              .doUpdateSet({ present: 1, notedBy: user.id, notedAt: now }),
          )
          .execute()
      }
    })
  },

  /** The bytes of one file, for a user who may see its case (NOT_FOUND otherwise). */
  async 'attachments.get'({ attachmentId }, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    const found = await db
      .selectFrom('attachment')
      .select(['caseId', 'fileName', 'mediaType', 'data'])
      .where('id', '=', attachmentId)
      .executeTakeFirst()
    if (!found) throw new CoreError('NOT_FOUND')
    await findVisibleCase(db, user, found.caseId)
    return {
      fileName: found.fileName,
      mediaType: found.mediaType,
      bytes: new Uint8Array(found.data),
    }
  },

  /** Removes one file of the case; the checklist item it documented stays as noted. */
  async 'attachments.remove'({ caseId, version, attachmentId }, ctx) {
    return writeCase(ctx, { caseId, version }, async ({ trx, row }) => {
      const result = await trx
        .deleteFrom('attachment')
        .where('id', '=', attachmentId)
        .where('caseId', '=', row.id)
        .executeTakeFirst()
      if (result.numDeletedRows !== 1n) throw new CoreError('NOT_FOUND')
    })
  },
} satisfies Partial<Handlers>
