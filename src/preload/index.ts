import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from '../shared/api'
import { CHANNELS } from '../shared/contract'

/**
 * The page gets one named function per contract channel and nothing else: no ipcRenderer, no
 * channel parameter it could choose, no Electron or Node object (VS Code's sandboxed preload
 * does the same). The main process still checks every sender; this only keeps the surface small.
 */
contextBridge.exposeInMainWorld(
  'concord',
  buildApi(CHANNELS, (channel, payload) => ipcRenderer.invoke(channel, payload)),
)
