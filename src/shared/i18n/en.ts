import type { Messages } from './zh-CN'

export const en = {
  app: {
    name: 'Concord Mediation Case Management',
    shortName: 'Concord',
  },
  language: {
    label: 'Language',
    'zh-CN': '简体中文',
    en: 'English',
  },
  common: {
    next: 'Next',
    back: 'Back',
    cancel: 'Cancel',
    save: 'Save',
    saved: 'Saved',
    confirm: 'Confirm',
    minutes: '{{count}} min',
    retry: 'Try again',
    loading: 'Loading…',
    showPassword: 'Show password',
  },
  setup: {
    title: 'First-time setup',
    intro:
      'Create the encrypted case base for this computer. Case data is stored on this PC in encrypted form only.',
    stepOrg: 'Organization',
    stepAdmin: 'Administrator',
    stepRecovery: 'Recovery code',
    orgName: 'Organization name',
    orgNamePlaceholder: 'e.g. People’s Mediation Committee of … Subdistrict',
    orgCapacity: 'Organization type',
    capacity: {
      people_mediation_committee: 'People’s mediation committee',
      other_mediation_org: 'Other mediation organization (social organization)',
    },
    adminName: 'Administrator’s name',
    adminLogin: 'Login name',
    adminLoginHint: 'Starts with a lower-case letter; 3–32 letters, digits or . _ -',
    password: 'Password',
    passwordRepeat: 'Repeat password',
    passwordMismatch: 'The passwords do not match',
    create: 'Generate recovery code',
    creating: 'Generating encryption keys…',
    recoveryTitle: 'Save your recovery code',
    recoveryIntro:
      'If every administrator password is forgotten, only this recovery code can open the case base. It is shown this once; Concord cannot show it again or recover it. Write it down or print it and keep it somewhere safe (such as the office safe). Do not photograph it or store it on this computer.',
    recoveryConfirmIntro:
      'To confirm you saved it, type groups {{first}} and {{second}} of the code:',
    recoveryGroup: 'Group {{n}}',
    recoverySaved: 'I have written down the recovery code and stored it safely',
    finish: 'Finish setup and sign in',
  },
  login: {
    title: 'Sign in',
    subtitle: 'The case base is encrypted and locked. Sign in to unlock it.',
    login: 'Login name',
    password: 'Password',
    submit: 'Unlock',
    useRecovery: 'Forgot your password? Use the recovery code',
    usePassword: 'Sign in with a password',
    recoveryCode: 'Recovery code',
    recoveryHint: '6 groups of 5 characters; dashes are optional',
    recoverySubmit: 'Unlock with recovery code',
    retryIn: 'Try again in {{seconds}} s',
  },
  recovery: {
    title: 'Reset an administrator password',
    intro:
      'The recovery code unlocked the case base. Choose an administrator account and set a new password; you will then be signed in as that account.',
    admin: 'Administrator account',
    newPassword: 'New password',
    submit: 'Set new password and sign in',
    adminOption: '{{name}} (login: {{login}})',
    noAdmins: 'The case base has no active administrator account.',
  },
  frame: {
    navigation: 'Main navigation',
  },
  nav: {
    cases: 'Cases',
    deadlines: 'Deadlines',
    statistics: 'Statistics',
    backup: 'Backup',
    settings: 'Settings',
  },
  pages: {
    cases: { title: 'Cases', empty: 'Case registration, parties and stages will be managed here.' },
    deadlines: {
      title: 'Deadlines',
      empty: 'The board of statutory and practice deadlines will appear here.',
    },
    statistics: {
      title: 'Statistics',
      empty: 'Charts and period reports will be produced here.',
    },
    backup: { title: 'Backup', empty: 'Encrypted backup and restore will be done here.' },
  },
  user: {
    menu: 'Account',
    menuOf: 'Account menu for {{name}}',
    role: {
      admin: 'Administrator',
      supervisor: 'Supervisor',
      mediator: 'Mediator',
      auditor: 'Auditor',
    },
    changePassword: 'Change password',
    lockNow: 'Lock now',
  },
  changePassword: {
    title: 'Change password',
    required: 'Set a new password before you continue.',
    current: 'Current password',
    next: 'New password',
    repeat: 'Repeat new password',
    done: 'Password changed',
    wrongCurrent: 'The current password is wrong.',
  },
  settings: {
    title: 'Settings',
    organization: 'Organization',
    orgName: 'Organization name',
    orgCapacity: 'Organization type',
    security: 'Security',
    idleLock: 'Lock after inactivity (minutes)',
    idleLockHint:
      'After this long without activity the case base is closed and its key is dropped from memory.',
    adminOnly: 'Only an administrator can change these settings.',
  },
  lock: {
    idleLocked: 'The case base was locked after a period of inactivity.',
  },
  passwordRules: {
    title: 'Password requirements',
    met: 'Met: ',
    unmet: 'Not met: ',
    notCommon: 'not a common or repetitive password (such as 123456 or password)',
  },
  fatal: {
    title: 'The case base cannot be opened',
  },
  passwordRule: {
    tooShort: 'at least 10 characters',
    tooLong: 'at most 128 characters',
    needsTwoClasses: 'at least two kinds of character (lower case, upper case, digits, symbols)',
    containsLogin: 'must not contain the login name',
    common: 'too common or repetitive, easy to guess',
  },
  validation: {
    required: 'Required',
    login: 'Invalid login: start with a lower-case letter; 3–32 letters, digits or . _ -',
    orgName: 'Enter an organization name of 2–80 characters',
    displayName: 'Enter a name of 1–40 characters',
    recoveryCode: 'Invalid recovery code: 6 groups of 5 characters',
    recoveryGroup: 'Enter 5 characters',
    idleLock: 'Enter a whole number from 1 to 120',
  },
  errors: {
    UNKNOWN_CHANNEL: 'This operation is not supported.',
    VALIDATION: 'Some input is not valid. Check it and try again.',
    FORBIDDEN: 'You are not allowed to do this.',
    NOT_AUTHENTICATED: 'The case base is locked. Sign in again.',
    PASSWORD_CHANGE_REQUIRED: 'Change your password first.',
    WRONG_CREDENTIALS: 'Wrong login name or password.',
    THROTTLED: 'Too many attempts. Try again in {{seconds}} s.',
    LOCKED_OUT:
      'Too many failed attempts: sign-in is locked for {{minutes}} min. Try again later or use the recovery code.',
    ACCOUNT_DISABLED: 'This account is disabled. Contact your administrator.',
    NOT_INITIALIZED: 'No case base yet. Complete the first-time setup.',
    ALREADY_INITIALIZED: 'The case base already exists; setup cannot run again.',
    SETUP_NOT_STARTED: 'Setup expired. Start the first-time setup again.',
    RECOVERY_CONFIRMATION_MISMATCH:
      'The groups you typed do not match the recovery code shown. Check what you wrote down.',
    PASSWORD_POLICY: 'The password does not meet the rules: {{rules}}',
    PASSWORD_REUSED: 'The new password must differ from the current one.',
    CASEBASE_WRONG_KEY: 'Cannot decrypt the case base: the key does not match it.',
    CASEBASE_NEWER_VERSION:
      'This case base was created by a newer version of Concord (data version {{found}}; this version supports up to {{supported}}). Nothing was changed. Please upgrade.',
    CASEBASE_MISSING:
      'The case base file is missing although its keyring exists. Restore the case base from a backup.',
    CASEBASE_CORRUPT:
      'The case base file is damaged and cannot be opened. Nothing was changed. Restore it from a backup.',
    KEYRING_MISSING:
      'The keyring file (keyring.json) is missing although the case base exists. Restore the keyring from a backup.',
    KEYRING_CORRUPT:
      'The keyring file is damaged or was tampered with; it cannot unlock. Restore it from a backup.',
    MIGRATION_FAILED:
      'Upgrading the case base failed and was rolled back; your data is as it was before.',
    INTERNAL:
      'An internal error occurred. The operation did not complete; your data is unaffected.',
  },
} satisfies Messages
