import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeChunk } from '../../../src/main/core/backup/archive'
import { writeBackup } from '../../../src/main/core/backup/create'
import { openCaseBase, type CaseBase } from '../../../src/main/core/db/open'
import { CoreError } from '../../../src/main/core/errors'
import { ADMIN, setUpStaff, tempDir, testCore } from '../../support/core'
import { keyOf, seedCases } from './backup-fixtures'

/**
 * Issue 5: a full disk during a backup gives a clear error (BACKUP_DISK_FULL) and leaves no
 * partial archive, whether the disk fills in the first header or in the middle of the case
 * base. Injected through the archive writer's one write function, and, where this machine
 * lets the test mount one, on a real tiny tmpfs.
 */
let data: ReturnType<typeof tempDir>
let caseBase: CaseBase
let key: Buffer

beforeAll(async () => {
  data = tempDir()
  const core = testCore(data.dir)
  await seedCases(core, await setUpStaff(core))
  await core.close()
  key = await keyOf(data.dir, ADMIN.login, ADMIN.password)
  caseBase = openCaseBase(join(data.dir, 'concord.db'), key, { create: false })
})

afterAll(async () => {
  await caseBase.close()
  data.remove()
})

const source = () => ({
  caseBase,
  key,
  keyringFile: join(data.dir, 'keyring.json'),
  workDir: join(data.dir, 'backup-work'),
})

function failure(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    return error instanceof CoreError ? error.code : String(error)
  }
  return 'no error'
}

describe('a full disk', () => {
  it.each([0, 600, 5_000, 40_000])('after %i bytes: clear error, no partial archive', (limit) => {
    const folder = tempDir('concord-full-')
    try {
      let written = 0
      const write = (fd: number, chunk: Buffer) => {
        if (written + chunk.length > limit) {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
        }
        written += chunk.length
        writeChunk(fd, chunk)
      }
      expect(failure(() => writeBackup(source(), folder.dir, { now: new Date(), write }))).toBe(
        'BACKUP_DISK_FULL',
      )
      expect(readdirSync(folder.dir)).toEqual([])
      expect(readdirSync(join(data.dir, 'backup-work'))).toEqual([])
    } finally {
      folder.remove()
    }
  })

  it('on a real 256 KiB tmpfs, when this machine allows mounting one', (context) => {
    const folder = tempDir('concord-tmpfs-')
    try {
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', folder.dir], {
          stdio: 'ignore',
        })
      } catch {
        context.skip()
      }
      try {
        // Fill most of it so that the archive cannot fit.
        writeFileSync(join(folder.dir, 'filler.bin'), Buffer.alloc(200 * 1024))
        expect(failure(() => writeBackup(source(), folder.dir, { now: new Date() }))).toBe(
          'BACKUP_DISK_FULL',
        )
        expect(readdirSync(folder.dir)).toEqual(['filler.bin'])
      } finally {
        execFileSync('umount', [folder.dir])
      }
    } finally {
      folder.remove()
    }
  })

  it('a leftover temporary file from a cut-off backup is removed by the next one', () => {
    const folder = tempDir('concord-leftover-')
    try {
      mkdirSync(folder.dir, { recursive: true })
      writeFileSync(join(folder.dir, '.concord-backup-20261125-031500.tar.partial'), 'half')
      const done = writeBackup(source(), folder.dir, { now: new Date('2026-11-25T04:00:00Z') })
      expect(readdirSync(folder.dir)).toEqual(['concord-backup-20261125-120000.tar'])
      expect(done.file).toBe(join(folder.dir, 'concord-backup-20261125-120000.tar'))
    } finally {
      folder.remove()
    }
  })
})
