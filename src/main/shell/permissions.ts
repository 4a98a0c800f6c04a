import type { Session } from 'electron'

/**
 * Case files need no camera, microphone, location, notifications from the page, clipboard
 * reads or devices, so every permission is refused without asking; Electron's default would
 * grant most of them silently.
 */
export function denyAllPermissions(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
