import { Badge, createTheme, type CSSVariablesResolver } from '@mantine/core'

// Windows offices mostly have Microsoft YaHei; Noto Sans CJK covers Linux, PingFang macOS.
const FONT_FAMILY = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif'
// The recovery code must never be misread: a monospaced face with distinct 0/O and 1/I.
const MONOSPACE =
  '"Cascadia Mono", Consolas, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace'

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 gives white button text a WCAG AA contrast (shade 6 is only 4.3:1).
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  fontFamily: FONT_FAMILY,
  fontFamilyMonospace: MONOSPACE,
  headings: { fontFamily: FONT_FAMILY, fontWeight: '600' },
  components: {
    // Badges carry labels (categories, stages, statuses); upper-casing makes English ones shout
    // and truncate sooner, and means nothing to Chinese.
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
  },
})

/** Hints and error texts carry information, so they get AA contrast too (defaults are ~3.3:1). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
})

/** For inputs that take recovery-code characters: same face as the code on screen. */
export const monospaceInput = {
  input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.08em' },
}
