import type { accountsZhCN } from './accounts.zh-CN'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }

export const accountsEn: Widen<typeof accountsZhCN> = {
  accounts: {
    title: 'Accounts',
    intro:
      'Every staff member uses their own account. New accounts and reset passwords start with a temporary password, which the person must replace with their own at the next sign-in.',
    separation:
      'Administrator accounts cannot read case content. Someone who both administers and mediates gets a second, mediator account, keeping the two duties apart.',
    add: 'New account',
    rotate: 'Rotate key',
    column: {
      name: 'Name',
      login: 'Login',
      role: 'Role',
      state: 'State',
      created: 'Created',
      actions: 'Actions',
    },
    state: { active: 'Active', disabled: 'Disabled', mustChange: 'Must set password' },
    you: 'you',
    action: {
      menu: 'Actions for {{name}}',
      edit: 'Edit',
      reset: 'Reset password',
      enable: 'Enable again',
      disable: 'Disable',
    },
    form: {
      name: 'Name',
      login: 'Login',
      loginHint: 'Starts with a lower-case letter; 3–32 letters, digits or . _ -',
      role: 'Role',
      temporary: 'Temporary password',
      temporaryRepeat: 'Repeat the temporary password',
      temporaryHint:
        'Hand it over in person or another safe way; the person must replace it at their first sign-in.',
      ownRole: 'Once you hand over the administrator role you can no longer manage accounts.',
    },
    create: { title: 'New account', submit: 'Create account', done: 'Account created: {{name}}' },
    edit: { title: 'Edit account: {{name}}', done: 'Saved' },
    reset: {
      title: 'Reset password: {{name}}',
      enableTitle: 'Enable again: {{name}}',
      intro:
        'The old password stops working at once. {{name}} signs in with the temporary password and sets a new one.',
      enableIntro:
        'The account is enabled again. {{name}} signs in with the temporary password and sets a new one.',
      submit: 'Reset password',
      enableSubmit: 'Enable again',
      done: 'Temporary password set for {{name}}',
    },
    disable: {
      title: 'Disable account: {{name}}',
      intro:
        'Disabling deletes this account’s key slot at once: its password no longer opens the case base. The account and its records stay, and it can be enabled again with a new temporary password.',
      submit: 'Disable account',
      done: '{{name}} is disabled',
      offer:
        'If this person may have kept a copy of the keyring file (keyring.json) or of the case base, rotate the case-base key: afterwards the old key opens none of the files here.',
      later: 'Not now',
      rotateNow: 'Rotate key now',
    },
    rotation: {
      title: 'Rotate the case-base key',
      intro:
        'Makes a new case-base key, re-encrypts the whole case base with it and wraps it for every account and the recovery code. Passwords and the recovery code stay the same.',
      caution:
        'Keep the app open while it runs. Even a power cut leaves the case base usable: the next sign-in completes or undoes the rotation.',
      password: 'Your password',
      passwordHint: 'To confirm it is you',
      start: 'Rotate',
      running: 'Rotating; with many cases this can take a minute or two…',
      done: 'Now on key generation {{generation}}; {{slots}} key slots rewrapped.',
      failed: 'The rotation did not finish and the case base was locked.',
      close: 'Done',
      step: {
        keyring: 'Write the new key (old and new side by side)',
        rekey: 'Re-encrypt the case base with the new key',
        verify: 'Reopen with the new key and check integrity',
        copies: 'Re-encrypt the safety copies kept before upgrades',
        finish: 'Remove the old key',
      },
      ms: '{{ms}} ms',
    },
  },
}
