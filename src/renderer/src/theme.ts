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

/**
 * Hints and error texts carry information, so they get AA contrast too (defaults are ~3.3:1).
 * Light badges and alerts print coloured text on a tint of the same colour; Mantine's shade 6
 * falls below AA for small text (yellow, orange, teal especially); shade 9 on shade 0 passes.
 */
export const cssVariablesResolver: CSSVariablesResolver = (current) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Links sit on striped and hovered rows too, where shade 6 is just under 4.5:1.
    '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
    ...Object.fromEntries(
      Object.keys(current.colors).flatMap((color) => [
        [`--mantine-color-${color}-light-color`, `var(--mantine-color-${color}-9)`],
        [`--mantine-color-${color}-light`, `var(--mantine-color-${color}-0)`],
      ]),
    ),
  },
  dark: {},
})

/** For inputs that take recovery-code characters: same face as the code on screen. */
export const monospaceInput = {
  input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.08em' },
}
