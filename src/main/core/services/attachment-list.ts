import type { Kysely } from 'kysely'
import type { AttachmentView } from '../../../shared/schemas/case'
import type { Database } from '../db/schema'

/** The files of one case as the case page lists them (no bytes). */
export async function attachmentsOf(
  db: Kysely<Database>,
  caseId: string,
): Promise<AttachmentView[]> {
  const rows = await db
    .selectFrom('attachment')
    .innerJoin('user', 'user.id', 'attachment.uploadedBy')
    .select([
      'attachment.id',
      'attachment.fileName',
      'attachment.mediaType',
      'attachment.size',
      'attachment.checklistItemId',
      'attachment.restricted',
      'attachment.uploadedAt',
      'user.displayName as uploaderName',
    ])
    .where('attachment.caseId', '=', caseId)
    .orderBy('attachment.uploadedAt', 'desc')
    .orderBy('attachment.id')
    .execute()
  return rows.map((row) => ({ ...row, restricted: row.restricted === 1 }))
}
