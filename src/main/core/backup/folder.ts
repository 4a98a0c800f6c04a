import { randomBytes } from 'node:crypto'
import { closeSync, openSync, readdirSync, rmSync, statSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { CoreError } from '../errors'

/**
 * Paths come from an administrator (typed, or picked in the shell's dialog). The core accepts
 * only absolute paths to something that exists, so a relative path can never resolve against
 * the data folder, and proves a folder writable by creating and removing a probe file.
 */
export function checkFolder(folder: string): void {
  if (!isAbsolute(folder)) throw new CoreError('BACKUP_FOLDER_INVALID')
  try {
    if (!statSync(folder).isDirectory()) throw new CoreError('BACKUP_FOLDER_INVALID')
    const probe = join(folder, `.concord-probe-${randomBytes(4).toString('hex')}`)
    closeSync(openSync(probe, 'wx', 0o600))
    rmSync(probe, { force: true })
  } catch {
    throw new CoreError('BACKUP_FOLDER_INVALID')
  }
}

export function folderReachable(folder: string): boolean {
  try {
    checkFolder(folder)
    return true
  } catch {
    return false
  }
}

export function checkArchiveFile(file: string): void {
  if (!isAbsolute(file)) throw new CoreError('BACKUP_FILE_INVALID')
  try {
    if (!statSync(file).isFile()) throw new Error('not a file')
  } catch {
    throw new CoreError('BACKUP_FILE_INVALID')
  }
}

/** The .tar files directly in `folder`, newest name first. */
export function tarFilesIn(folder: string): { name: string; size: number }[] {
  const files: { name: string; size: number }[] = []
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.tar')) continue
    try {
      files.push({ name: entry.name, size: statSync(join(folder, entry.name)).size })
    } catch {
      // Removed while listing.
    }
  }
  return files.sort((a, b) => b.name.localeCompare(a.name))
}
