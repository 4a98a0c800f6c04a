import { fileURLToPath } from 'node:url'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

// What electron-builder itself reads (electron-builder.yml merged with package.json's "build").
const config = await getConfig(ROOT, null, null)

describe('electron-builder configuration', () => {
  it("matches electron-builder's schema, so a misspelled key cannot be silently ignored", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    const misspelled = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } }
    await expect(validateConfiguration(misspelled, new DebugLogger(false))).rejects.toThrow()
  })

  it('flips every security fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('packs the build into an asar, unpacks native addons and uses the prebuilt binaries', () => {
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toContain('**/*.node')
    expect(config.npmRebuild).toBe(false)
    expect(config.files).toEqual([{ filter: expect.arrayContaining(['out/**']) }])
  })

  it('installs per user on Windows, lets the user choose the folder and keeps the case base', () => {
    expect(config.appId).toBe('cn.concord.mediation')
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      deleteAppDataOnUninstall: false,
    })
  })
})
