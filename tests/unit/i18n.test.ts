import { describe, expect, it } from 'vitest'
import { resources } from '../../src/shared/i18n'
import { ErrorCode } from '../../src/shared/errors'

type Tree = { [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of leaves(value, path)) out.set(k, v)
  }
  return out
}

const zh = leaves(resources['zh-CN'].translation)
const en = leaves(resources.en.translation)
const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()

describe('locales', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort())
  })

  it('no text is empty and every translation uses the same placeholders', () => {
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('')
      expect(en.get(key)?.trim(), key).not.toBe('')
      expect(variables(en.get(key) ?? ''), key).toEqual(variables(text))
    }
  })

  it('every error code has a message in both languages', () => {
    for (const code of ErrorCode.options) {
      expect(zh.has(`errors.${code}`), code).toBe(true)
      expect(en.has(`errors.${code}`), code).toBe(true)
    }
  })

  it('the Chinese locale is Chinese', () => {
    const han = /\p{Script=Han}/u
    // A template of placeholders only ('{{role}}{{n}}') has no words to translate.
    const wordless = (text: string) => /^[\s\p{P}]*$/u.test(text.replace(/\{\{\w+\}\}/g, ''))
    const untranslated = [...zh].filter(
      ([key, text]) => !han.test(text) && !wordless(text) && !key.startsWith('language.'),
    )
    expect(untranslated).toEqual([])
  })
})
