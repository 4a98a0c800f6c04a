/** The administrator's account list, account dialogs and key rotation (renderer/src/accounts). */
export const accountsZhCN = {
  accounts: {
    title: '账户管理',
    intro:
      '每位工作人员使用自己的账户。新建或重置密码的账户使用临时密码，本人下次登录时须改为自己的密码。',
    separation:
      '管理员账户不能查看案件内容。既担任管理员又办理调解的人员，请另建一个调解员账户，两种职责分开使用。',
    add: '新建账户',
    rotate: '更换密钥',
    column: {
      name: '姓名',
      login: '登录名',
      role: '角色',
      state: '状态',
      created: '创建日期',
      actions: '操作',
    },
    state: { active: '启用', disabled: '已停用', mustChange: '待本人设置密码' },
    you: '本人',
    action: {
      menu: '{{name}} 的操作',
      edit: '编辑',
      reset: '重置密码',
      enable: '重新启用',
      disable: '停用',
    },
    form: {
      name: '姓名',
      login: '登录名',
      loginHint: '小写字母开头，3–32 位字母、数字或 . _ -',
      role: '角色',
      temporary: '临时密码',
      temporaryRepeat: '再次输入临时密码',
      temporaryHint: '请当面或以安全方式告知本人；本人登录后须立即改为自己的密码。',
      ownRole: '交出管理员角色后，您将不能再管理账户。',
    },
    create: { title: '新建账户', submit: '建立账户', done: '已建立账户：{{name}}' },
    edit: { title: '编辑账户：{{name}}', done: '已保存' },
    reset: {
      title: '重置密码：{{name}}',
      enableTitle: '重新启用：{{name}}',
      intro: '原密码立即失效。{{name}} 须用临时密码登录，并设置新密码。',
      enableIntro: '账户将重新启用。{{name}} 须用临时密码登录，并设置新密码。',
      submit: '重置密码',
      enableSubmit: '重新启用',
      done: '已为 {{name}} 设置临时密码',
    },
    disable: {
      title: '停用账户：{{name}}',
      intro:
        '停用后立即删除此账户的密钥槽，其密码不能再打开案件库。账户和经办记录都会保留，可以随时用新的临时密码重新启用。',
      submit: '停用账户',
      done: '已停用 {{name}}',
      offer:
        '如果此人可能留有密钥文件（keyring.json）或案件库的旧副本，请更换案件库密钥：更换后，旧密钥打不开这里的任何文件。',
      later: '以后再说',
      rotateNow: '立即更换密钥',
    },
    rotation: {
      title: '更换案件库密钥',
      intro:
        '生成新的案件库密钥，用它重新加密整个案件库，并为所有账户和恢复码重新封装。各人的密码和恢复码都不变。',
      caution:
        '更换期间请勿关闭程序。即使中途断电，案件库也不会损坏：下次登录时自动完成或撤销这次更换。',
      password: '您的密码',
      passwordHint: '为确认是您本人操作',
      start: '开始更换',
      running: '正在更换，案件较多时可能需要一两分钟…',
      done: '已更换为第 {{generation}} 代密钥，{{slots}} 个密钥槽已重新封装。',
      failed: '更换未完成，案件库已锁定。',
      close: '完成',
      step: {
        keyring: '写入新密钥（新旧密钥暂时并存）',
        rekey: '用新密钥重新加密案件库',
        verify: '用新密钥重新打开并检查完整性',
        copies: '重新加密升级前的安全副本',
        finish: '删除旧密钥',
      },
      ms: '{{ms}} 毫秒',
    },
  },
}
