/**
 * The few bytes of POSIX ustar (IEEE 1003.1-1988) a backup archive needs: regular files only,
 * names under 100 ASCII bytes, no compression (the database is encrypted, it would not shrink).
 * Any `tar` unpacks it. The reader is deliberately stricter than tar: every header field in the
 * exact form the writer uses, zero padding and trailer, nothing after the trailer. So a single
 * flipped bit anywhere outside the file contents is refused here, and the contents are covered
 * by the archive's SHA-256 sums.
 */

export const BLOCK = 512
/** Two zero blocks end an archive. */
export const TRAILER = Buffer.alloc(2 * BLOCK)
/** 11 octal digits: 8 GiB, far above any case base. */
const MAX_SIZE = 8 ** 11 - 1

export interface TarEntry {
  name: string
  /** Where the file's bytes start, and how many there are. */
  offset: number
  size: number
}

const octal = (value: number, digits: number) => `${value.toString(8).padStart(digits, '0')}\0`

export function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK)
}

export function paddedSize(size: number): number {
  return size + padding(size).length
}

/** The 512-byte header of a regular file, mode 0600, owner 0, the given modification time. */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (!/^[\x21-\x7e]{1,99}$/.test(name)) throw new Error('tar: unsupported name')
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_SIZE) throw new Error('tar: size')
  const header = Buffer.alloc(BLOCK)
  header.write(name, 0, 'ascii')
  header.write(octal(0o600, 7), 100, 'ascii')
  header.write(octal(0, 7), 108, 'ascii')
  header.write(octal(0, 7), 116, 'ascii')
  header.write(octal(size, 11), 124, 'ascii')
  header.write(octal(Math.floor(mtime.getTime() / 1000), 11), 136, 'ascii')
  header.write('0', 156, 'ascii')
  header.write('ustar\u000000', 257, 'ascii')
  header.write(octal(0, 7), 329, 'ascii')
  header.write(octal(0, 7), 337, 'ascii')
  // The checksum is computed with its own field read as eight spaces.
  header.write('        ', 148, 'ascii')
  header.write(`${checksum(header).toString(8).padStart(6, '0')}\0 `, 148, 'ascii')
  return header
}

function checksum(header: Buffer): number {
  let sum = 0
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0)
  return sum
}

/** A field in exactly the writer's form, or null. */
function readOctal(header: Buffer, start: number, digits: number): number | null {
  const text = header.toString('latin1', start, start + digits + 1)
  if (!new RegExp(`^[0-7]{${digits}}\\0$`).test(text)) return null
  return Number.parseInt(text.slice(0, digits), 8)
}

function isZero(bytes: Buffer): boolean {
  return bytes.every((byte) => byte === 0)
}

/** Reads `length` bytes at `position`; fewer when the file ends. */
export type ReadAt = (position: number, length: number) => Buffer

/**
 * The entries of an archive written by this module, or null when the bytes are anything else:
 * another format, a damaged header, a truncated file, garbage after the end.
 */
export function listEntries(read: ReadAt, fileSize: number): TarEntry[] | null {
  const entries: TarEntry[] = []
  let position = 0
  for (;;) {
    const header = read(position, BLOCK)
    if (header.length < BLOCK) return null
    if (isZero(header)) break
    const entry = parseHeader(header)
    if (!entry) return null
    const dataEnd = position + BLOCK + paddedSize(entry.size)
    if (dataEnd > fileSize) return null
    const pad = padding(entry.size)
    if (pad.length > 0 && !isZero(read(position + BLOCK + entry.size, pad.length))) return null
    entries.push({ name: entry.name, offset: position + BLOCK, size: entry.size })
    position = dataEnd
  }
  if (fileSize !== position + TRAILER.length) return null
  if (!isZero(read(position, TRAILER.length))) return null
  return entries
}

function parseHeader(header: Buffer): { name: string; size: number } | null {
  const stored = header.toString('latin1', 148, 156)
  if (!/^[0-7]{6}\0 $/.test(stored) || Number.parseInt(stored, 8) !== checksum(header)) return null
  if (header.toString('latin1', 257, 265) !== 'ustar\u000000' || header[156] !== 0x30) return null
  const nameEnd = header.indexOf(0)
  if (nameEnd < 1 || nameEnd > 99 || !isZero(header.subarray(nameEnd, 100))) return null
  const name = header.toString('latin1', 0, nameEnd)
  if (!/^[\x21-\x7e]+$/.test(name)) return null
  const size = readOctal(header, 124, 11)
  const fixed = [
    readOctal(header, 100, 7) === 0o600,
    readOctal(header, 108, 7) === 0,
    readOctal(header, 116, 7) === 0,
    readOctal(header, 136, 11) !== null,
    readOctal(header, 329, 7) === 0,
    readOctal(header, 337, 7) === 0,
    isZero(header.subarray(157, 257)),
    isZero(header.subarray(265, 329)),
    isZero(header.subarray(345, BLOCK)),
  ]
  if (size === null || fixed.includes(false)) return null
  return { name, size }
}
