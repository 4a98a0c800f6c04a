import { z } from 'zod'

/**
 * Every failure that crosses the IPC boundary is one of these codes. The renderer localizes
 * by code (`errors.<code>` in the locale files); the core adds a message in the user's
 * language so logs and admin tools read the same text. No stack, no personal data.
 */
export const ErrorCode = z.enum([
  'UNKNOWN_CHANNEL',
  'VALIDATION',
  'FORBIDDEN',
  'NOT_AUTHENTICATED',
  'PASSWORD_CHANGE_REQUIRED',
  'WRONG_CREDENTIALS',
  'THROTTLED',
  'LOCKED_OUT',
  'ACCOUNT_DISABLED',
  'NOT_INITIALIZED',
  'ALREADY_INITIALIZED',
  'SETUP_NOT_STARTED',
  'RECOVERY_CONFIRMATION_MISMATCH',
  'PASSWORD_POLICY',
  'PASSWORD_REUSED',
  'CASEBASE_WRONG_KEY',
  'CASEBASE_NEWER_VERSION',
  'CASEBASE_MISSING',
  'CASEBASE_CORRUPT',
  'KEYRING_MISSING',
  'KEYRING_CORRUPT',
  'MIGRATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'TRANSITION_BLOCKED',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_CASE_FULL',
  'ATTACHMENT_TYPE',
  'DOCUMENT_NOT_READY',
  'PDF_UNAVAILABLE',
  'BACKUP_FOLDER_INVALID',
  'BACKUP_FILE_INVALID',
  'BACKUP_FOREIGN',
  'BACKUP_CORRUPT',
  'BACKUP_NEWER',
  'BACKUP_DISK_FULL',
  'BACKUP_WRITE_FAILED',
  'BACKUP_NOT_CONFIGURED',
  'RESTORE_APP_RUNNING',
  'CASE_ANONYMIZED',
  'IMPORT_FILE_TOO_LARGE',
  'IMPORT_TOO_MANY_ROWS',
  'IMPORT_UNREADABLE',
  'IMPORT_EMPTY',
  'IMPORT_EXPIRED',
  'IMPORT_HAS_PROBLEMS',
  'SELF_ACCOUNT',
  'LAST_ADMIN',
  'KEY_ROTATION_FAILED',
  'KEY_ROTATION_LEGACY',
  'INTERNAL',
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const AppErrorSchema = z.object({
  code: ErrorCode,
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  fields: z.array(z.object({ path: z.string(), rule: z.string() })).optional(),
})
export type AppError = z.infer<typeof AppErrorSchema>

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }
