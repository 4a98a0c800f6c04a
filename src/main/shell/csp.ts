/**
 * The renderer's Content-Security-Policy: only our own bundled code runs, nothing is fetched
 * from anywhere. Mantine sets style attributes at run time, hence 'unsafe-inline' for styles
 * only; scripts never get it. Sent as a header by the app:// protocol and as a <meta> tag in
 * the built index.html (the e2e server and a file opened by hand get it too).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')
