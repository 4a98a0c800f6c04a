import type { Block, DocumentModel } from './model'

/**
 * The HTML half of the document renderers: a self-contained page (no script, no external
 * resource, a CSP that forbids both) that the platform's PdfRenderer prints to A4. Every text
 * is escaped: party names and records are typed by people and must never become markup.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/** Fonts in order of preference: Noto CJK (Linux, tests), then what Windows and macOS ship. */
const SERIF = `"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif`
const SANS = `"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif`

export const DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; script-src 'none'"

const STYLE = (compact: boolean) => `
@page { size: A4; margin: ${compact ? '14mm 14mm 16mm' : '25mm 24mm 24mm 26mm'}; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${SERIF}; font-size: ${compact ? '9pt' : '12pt'};
  line-height: ${compact ? 1.35 : 1.75}; color: #000; }
h1 { font-family: ${SANS}; font-size: ${compact ? '15pt' : '20pt'}; font-weight: 700;
  text-align: center; letter-spacing: ${compact ? '0' : '0.15em'}; margin: ${compact ? '0 0 2pt' : '6pt 0 4pt'}; }
h2 { font-family: ${SANS}; font-size: ${compact ? '10pt' : '13pt'}; font-weight: 700;
  margin: ${compact ? '6pt 0 2pt' : '14pt 0 4pt'}; }
p { margin: ${compact ? '1pt 0' : '3pt 0'}; white-space: pre-wrap; overflow-wrap: anywhere; }
p.indent { text-indent: 2em; }
p.center, p.subtitle { text-align: center; }
p.right { text-align: right; }
p.subtitle { margin-bottom: ${compact ? '4pt' : '12pt'}; }
ol { margin: 3pt 0; padding-left: 2.4em; }
li { margin: 2pt 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 0.6pt solid #000; padding: ${compact ? '1pt 4pt' : '3pt 4pt'}; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; white-space: pre-wrap; }
table.fields th { width: ${compact ? '16%' : '22%'}; font-weight: 700; background: #f2f2f2; }
table.grid th { font-family: ${SANS}; font-weight: 700; background: #f2f2f2; }
/* Signatures and seal stay together: a seal alone on the last page proves nothing. */
table.signatures { margin-top: 10pt; page-break-inside: avoid; break-after: avoid; }
table.signatures + table.signatures { break-before: avoid; }
table.signatures td { border: none; padding: 10pt 0 0; vertical-align: bottom; }
table.signatures td:first-child { width: 40%; }
table.signatures td:nth-child(2) { width: 25%; white-space: nowrap; }
table.signatures td:nth-child(3) { width: 35%; white-space: nowrap; }
.blank { display: inline-block; width: 6.5em; border-bottom: 0.6pt solid #000; }
.seal { margin: 22pt 0 0 auto; width: 46%; text-align: center; page-break-inside: avoid;
  break-before: avoid; }
.seal p { margin: 4pt 0; }
.page-break { page-break-after: always; break-after: page; }
body.cover h1 { font-size: 30pt; letter-spacing: 0.3em; margin: 40mm 0 8mm; }
body.cover p.subtitle { font-size: 14pt; margin-bottom: 24mm; }
body.cover table.fields th, body.cover table.fields td { padding: 9pt 8pt; font-size: 13pt; }
`

/** Where people sign by hand: the name printed, a line, and a date to fill in. */
export const SIGN_LINE = { sign: '签名：', date: '日期：　　年　　月　　日' }

function block(b: Block): string {
  switch (b.type) {
    case 'title':
      return `<h1>${escapeHtml(b.text)}</h1>`
    case 'subtitle':
      return `<p class="subtitle">${escapeHtml(b.text)}</p>`
    case 'heading':
      return `<h2>${escapeHtml(b.text)}</h2>`
    case 'paragraph': {
      const cls = b.indent ? 'indent' : (b.align ?? '')
      return `<p${cls ? ` class="${cls}"` : ''}>${escapeHtml(b.text)}</p>`
    }
    case 'fields':
      return `<table class="fields">${b.rows
        .map((r) => `<tr><th>${escapeHtml(r.label)}</th><td>${escapeHtml(r.value)}</td></tr>`)
        .join('')}</table>`
    case 'table':
      return `<table class="grid">${
        b.widths
          ? `<colgroup>${b.widths.map((w) => `<col style="width:${Number(w)}%">`).join('')}</colgroup>`
          : ''
      }<thead><tr>${b.columns
        .map((c) => `<th>${escapeHtml(c)}</th>`)
        .join('')}</tr></thead><tbody>${b.rows
        .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    case 'list':
      return `<ol>${b.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ol>`
    case 'signatures':
      // A borderless three-column table, so a long name never pushes the date onto a new line.
      return `<table class="signatures">${b.rows
        .map(
          (row) =>
            `<tr><td>${escapeHtml(row)}</td><td>${escapeHtml(SIGN_LINE.sign)}<span class="blank"></span></td><td>${escapeHtml(SIGN_LINE.date)}</td></tr>`,
        )
        .join('')}</table>`
    case 'seal':
      return `<div class="seal"><p>${escapeHtml(b.organization)}</p><p>（盖章）</p><p>${escapeHtml(b.date)}</p></div>`
    case 'pageBreak':
      return '<div class="page-break"></div>'
  }
}

const OVERLAY_STYLE = `
@page { size: A4; margin: 0; }
html, body { margin: 0; background: transparent; }
.page { position: relative; height: 296mm; break-after: page; overflow: hidden; }
.page:last-child { break-after: auto; }
.n { position: absolute; font-family: ${SERIF}; font-size: 10.5pt; }
`

export function renderHtml(model: DocumentModel): string {
  if (model.overlay) {
    const { labels, style } = model.overlay
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">
<style>${OVERLAY_STYLE} .n { ${style} }</style></head>
<body>${labels.map((l) => `<div class="page"><span class="n">${escapeHtml(l)}</span></div>`).join('')}</body></html>`
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">
<title>${escapeHtml(model.title)}</title>
<style>${STYLE(model.compact === true)}</style></head>
<body${model.cover ? ' class="cover"' : ''}>${model.blocks.map(block).join('\n')}</body></html>`
}
