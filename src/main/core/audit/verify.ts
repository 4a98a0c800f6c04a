import type { AuditBreak, AuditVerification } from '../../../shared/schemas/audit'
import type { SqliteHandle } from '../db/open'
import { detailsHash, entryHash, GENESIS_HASH, valueHash } from './chain'

interface EntryRow {
  seq: number
  at: string
  userId: string | null
  action: string
  caseId: string | null
  outcome: 'ok' | 'denied'
  detailsHash: string | null
  prevHash: string
  entryHash: string
}

interface DetailRow {
  seq: number
  path: string
  salt: string | null
  before: string | null
  after: string | null
  valueHash: string
}

/**
 * Walks the whole trail in seq order, entries and details side by side (two cursors, constant
 * memory), and reports the first entry that does not hold:
 * - 'edited': its fields no longer give its hash;
 * - 'detail': a detail value no longer gives its hash, or the rows no longer give the entry's
 *   details hash (a row edited, added or removed);
 * - 'link': it does not name the previous entry's hash (an entry removed, inserted or moved);
 * - 'gap': seq skips a number (an entry removed);
 * - 'tail': SQLite issued a higher seq than the newest entry (the newest entries removed).
 * Erased values (anonymization) are counted as redacted and trusted by their stored hash.
 */
export function verifyChain(sqlite: SqliteHandle): AuditVerification {
  const entries = sqlite
    .prepare(
      `SELECT seq, at, user_id AS userId, action, case_id AS caseId, outcome,
              details_hash AS detailsHash, prev_hash AS prevHash, entry_hash AS entryHash
       FROM audit_entry ORDER BY seq`,
    )
    .iterate() as IterableIterator<EntryRow>
  const details = sqlite
    .prepare(
      `SELECT seq, path, salt, before, after, value_hash AS valueHash
       FROM audit_detail ORDER BY seq, idx`,
    )
    .iterate() as IterableIterator<DetailRow>
  let pending = details.next()
  let checked = 0
  let redacted = 0
  let previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }
  const broken = (row: { seq: number; at: string }, reason: AuditBreak): AuditVerification => {
    entries.return?.()
    details.return?.()
    return { ok: false, checked, redacted, firstBroken: { seq: row.seq, at: row.at, reason } }
  }

  for (const entry of entries) {
    const own: DetailRow[] = []
    // Detail rows of an entry that does not exist (a seq skipped over) were tampered with.
    let orphans = false
    while (!pending.done && pending.value.seq <= entry.seq) {
      if (pending.value.seq < entry.seq) orphans = true
      else own.push(pending.value)
      pending = details.next()
    }
    checked += 1
    if (entry.seq !== previous.seq + 1) return broken(entry, 'gap')
    if (entry.prevHash !== previous.hash) return broken(entry, 'link')
    if (entryHash(entry) !== entry.entryHash) return broken(entry, 'edited')
    if (orphans) return broken(entry, 'detail')
    for (const row of own) {
      if (row.salt === null || row.before === null || row.after === null) redacted += 1
      else if (valueHash(row.path, row.salt, row.before, row.after) !== row.valueHash) {
        return broken(entry, 'detail')
      }
    }
    if (detailsHash(own) !== entry.detailsHash) return broken(entry, 'detail')
    previous = { seq: entry.seq, hash: entry.entryHash }
  }
  if (!pending.done) {
    details.return?.()
    return {
      ok: false,
      checked,
      redacted,
      firstBroken: { seq: pending.value.seq, at: '', reason: 'detail' },
    }
  }
  const issued = sqlite
    .prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_entry'`)
    .pluck()
    .get() as number | undefined
  if ((issued ?? 0) > previous.seq) {
    return {
      ok: false,
      checked,
      redacted,
      firstBroken: { seq: issued ?? 0, at: '', reason: 'tail' },
    }
  }
  return { ok: true, checked, redacted }
}
