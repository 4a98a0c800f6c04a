import { createHash } from 'node:crypto'

/**
 * The hashes of the audit trail (docs/security.md, "Audit trail"). Every hash is SHA-256, in
 * lower-case hex, over the UTF-8 bytes of a JSON array written without spaces, whose first
 * element names the format. JSON.stringify of strings, integers and null is deterministic,
 * so anyone can recompute them with any JSON library.
 */
export const GENESIS_HASH = '0'.repeat(64)

const sha256 = (parts: unknown[]): string =>
  createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex')

export interface ChainedFields {
  prevHash: string
  seq: number
  at: string
  userId: string | null
  action: string
  caseId: string | null
  outcome: 'ok' | 'denied'
  detailsHash: string | null
}

export function entryHash(e: ChainedFields): string {
  return sha256([
    'concord-audit-v1',
    e.prevHash,
    e.seq,
    e.at,
    e.userId,
    e.action,
    e.caseId,
    e.outcome,
    e.detailsHash,
  ])
}

/**
 * One detail row's own hash: it stays in the row when the values are erased. The random salt
 * goes with them, so the hash of an erased phone number cannot be matched by trying them all.
 */
export function valueHash(path: string, salt: string, before: string, after: string): string {
  return sha256(['concord-audit-detail-v1', path, salt, before, after])
}

/** What the entry commits to: its detail rows' paths and value hashes, in order. */
export function detailsHash(rows: readonly { path: string; valueHash: string }[]): string | null {
  if (rows.length === 0) return null
  return sha256(['concord-audit-details-v1', rows.map((row) => [row.path, row.valueHash])])
}
