import type { Role } from '../../shared/schemas/account'
import type { CaseBase } from './db/open'
import { CoreError } from './errors'

export interface SessionUser {
  id: string
  login: string
  displayName: string
  role: Role
  mustChangePassword: boolean
}

/**
 * The unlocked case base and who unlocked it. `user` is null in recovery mode, where the
 * recovery code opened the case base and the only thing allowed is resetting an admin's
 * password. Closing wipes the key buffer; the hex copy SQLite was keyed with is a JS string
 * and lives until garbage collection (docs/security.md says so).
 */
export class Vault {
  #caseBase: CaseBase | null = null
  #key: Buffer | null = null
  #user: SessionUser | null = null

  get isOpen(): boolean {
    return this.#caseBase !== null
  }

  get mode(): 'closed' | 'recovery' | 'user' {
    if (!this.#caseBase) return 'closed'
    return this.#user ? 'user' : 'recovery'
  }

  get user(): SessionUser | null {
    return this.#user
  }

  async open(caseBase: CaseBase, key: Buffer, user: SessionUser | null): Promise<void> {
    await this.close()
    this.#caseBase = caseBase
    this.#key = key
    this.#user = user
  }

  setUser(user: SessionUser): void {
    if (!this.#caseBase) throw new CoreError('NOT_AUTHENTICATED')
    this.#user = user
  }

  caseBase(): CaseBase {
    if (!this.#caseBase) throw new CoreError('NOT_AUTHENTICATED')
    return this.#caseBase
  }

  key(): Buffer {
    if (!this.#key) throw new CoreError('NOT_AUTHENTICATED')
    return this.#key
  }

  async close(): Promise<void> {
    const caseBase = this.#caseBase
    this.#caseBase = null
    this.#user = null
    this.#key?.fill(0)
    this.#key = null
    await caseBase?.close()
  }
}
