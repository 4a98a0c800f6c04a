import { z } from 'zod'
import { CaseRef } from './schemas/case'

/**
 * Attachments (issue 3 item 5; DESIGN.md §2): scanned IDs, signed agreements, photos. They live
 * as blobs inside the encrypted case base, never as files on disk. Shared by the core (which
 * enforces) and the renderer (which pre-checks so a mediator is told before uploading).
 */
const MB = 1024 * 1024

/** One file: a multi-page scan at 300 dpi fits; a video does not. */
export const ATTACHMENT_MAX_MB = 20
export const ATTACHMENT_MAX_BYTES = ATTACHMENT_MAX_MB * MB
/** All files of one case together, so the case base stays small enough to back up. */
export const CASE_ATTACHMENTS_MAX_MB = 500
export const CASE_ATTACHMENTS_MAX_BYTES = CASE_ATTACHMENTS_MAX_MB * MB
/**
 * The contract refuses payloads above this before they reach the handler; between the limit
 * and this the handler answers ATTACHMENT_TOO_LARGE with the limit in the message.
 */
export const ATTACHMENT_PAYLOAD_MAX_BYTES = ATTACHMENT_MAX_BYTES + MB
export const FILE_NAME_MAX = 200

export const AttachmentType = z.enum(['pdf', 'jpeg', 'png', 'docx', 'xlsx', 'doc', 'xls', 'txt'])
export type AttachmentType = z.infer<typeof AttachmentType>

/** Per type: the media type stored and served, and the extensions a file name may carry. */
export const ATTACHMENT_TYPES: Record<
  AttachmentType,
  { mediaType: string; extensions: readonly string[] }
> = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  doc: { mediaType: 'application/msword', extensions: ['doc'] },
  xls: { mediaType: 'application/vnd.ms-excel', extensions: ['xls'] },
  txt: { mediaType: 'text/plain; charset=utf-8', extensions: ['txt'] },
}

/** Shown in the type error: "PDF, JPG, PNG …". */
export const ALLOWED_EXTENSIONS = Object.values(ATTACHMENT_TYPES)
  .flatMap((t) => t.extensions)
  .map((e) => e.toUpperCase())
  .join(', ')

/** For the file picker's accept attribute. */
export const ACCEPT_ATTRIBUTE = Object.values(ATTACHMENT_TYPES)
  .flatMap((t) => t.extensions)
  .map((e) => `.${e}`)
  .join(',')

// eslint-disable-next-line no-control-regex
const UNSAFE_NAME = /[/\\\u0000-\u001f\u007f]/

/** A plain file name: no folders, no control characters, not "." or "..", with an extension. */
export const FileName = z
  .string()
  .trim()
  .min(1)
  .max(FILE_NAME_MAX)
  .refine((name) => !UNSAFE_NAME.test(name), 'fileNameUnsafe')
  .refine((name) => name !== '.' && name !== '..', 'fileNameUnsafe')
  .refine((name) => /\.[A-Za-z0-9]+$/.test(name), 'fileNameExtension')

/** Bytes as IPC's structured clone carries them (a Node Buffer is one too). */
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes')

export const AttachmentBytes = Bytes.refine(
  (bytes) => bytes.byteLength > 0,
  'attachmentEmpty',
).refine((bytes) => bytes.byteLength <= ATTACHMENT_PAYLOAD_MAX_BYTES, 'attachmentTooLarge')

const AttachmentId = z.string().min(1).max(64)

export const AttachmentAddInput = CaseRef.extend({
  fileName: FileName,
  bytes: AttachmentBytes,
  /** The 卷宗 checklist item the file documents; it is marked present in the same write. */
  checklistItemId: z.string().max(64).optional(),
  restricted: z.boolean().optional(),
})
export const AttachmentGetInput = z.object({ attachmentId: AttachmentId })
export const AttachmentContent = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  bytes: Bytes,
})
export const AttachmentRemoveInput = CaseRef.extend({ attachmentId: AttachmentId })

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase()
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte)
}

function contains(bytes: Uint8Array, ascii: string): boolean {
  const needle = Array.from(ascii, (c) => c.charCodeAt(0))
  const first = needle[0]
  outer: for (let i = bytes.indexOf(first ?? 0); i >= 0; i = bytes.indexOf(first ?? 0, i + 1)) {
    if (i + needle.length > bytes.length) return false
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
const JPEG = [0xff, 0xd8, 0xff]
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const ZIP = [0x50, 0x4b, 0x03, 0x04]
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] // OLE compound file (.doc, .xls)

/**
 * The candidate types of these bytes, from their magic numbers (never the name). An OLE
 * compound file may be .doc or .xls; telling them apart needs parsing, so both are candidates.
 */
export function detectTypes(bytes: Uint8Array): AttachmentType[] {
  if (startsWith(bytes, PDF)) return ['pdf']
  if (startsWith(bytes, JPEG)) return ['jpeg']
  if (startsWith(bytes, PNG)) return ['png']
  if (startsWith(bytes, CFB)) return ['doc', 'xls']
  if (startsWith(bytes, ZIP)) {
    if (!contains(bytes, '[Content_Types].xml')) return []
    if (contains(bytes, 'word/')) return ['docx']
    if (contains(bytes, 'xl/')) return ['xlsx']
    return []
  }
  if (bytes.includes(0)) return []
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return ['txt']
  } catch {
    return []
  }
}

/** The type of a file whose declared extension matches its content, or null. */
export function attachmentTypeOf(fileName: string, bytes: Uint8Array): AttachmentType | null {
  const extension = extensionOf(fileName)
  return (
    detectTypes(bytes).find((type) => ATTACHMENT_TYPES[type].extensions.includes(extension)) ?? null
  )
}
