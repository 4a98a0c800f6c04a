import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const electronFree = {
  paths: [
    { name: 'electron', message: 'Only src/main/shell and src/preload may import electron.' },
  ],
}

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['src/main/core/**', 'src/shared/**'],
    rules: { 'no-restricted-imports': ['error', electronFree] },
  },
  {
    files: ['src/renderer/**', 'tests/ui/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...electronFree,
          patterns: [
            {
              group: ['**/main/**', 'node:*'],
              message: 'The renderer reaches the core only through window.concord.',
            },
          ],
        },
      ],
    },
  },
)
