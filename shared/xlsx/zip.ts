/**
 * A minimal ZIP writer for Office files: entries are STOREd (no compression), each with its CRC-32,
 * names in UTF-8 (general-purpose flag bit 11), a fixed timestamp (1980-01-01 00:00) so the same
 * workbook always gives the same bytes. Pure: plain Uint8Arrays in, one Uint8Array out.
 */

export interface ZipEntry {
  /** Path inside the archive, "/" separated ("xl/workbook.xml"). */
  readonly name: string;
  readonly data: Uint8Array;
}

/** UTF-8 bytes of a string (lone surrogates become U+FFFD), without TextEncoder (not in shared/'s lib). */
export function utf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else cp = 0xfffd;
    } else if (cp >= 0xdc00 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out[n++] = cp;
    else if (cp < 0x800) {
      out[n++] = 0xc0 | (cp >> 6);
      out[n++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      out[n++] = 0xe0 | (cp >> 12);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    } else {
      out[n++] = 0xf0 | (cp >> 18);
      out[n++] = 0x80 | ((cp >> 12) & 0x3f);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    }
  }
  return out.slice(0, n);
}

/** The CRC-32 table (polynomial 0xEDB88320, as ZIP and PNG use). */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of the bytes, as an unsigned 32-bit number. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = (CRC_TABLE[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const UTF8_NAMES = 0x0800;
const VERSION = 20;
/** MS-DOS date of 1980-01-01 (year 0 = 1980, month 1, day 1); time 00:00:00. */
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;

class Bytes {
  private readonly chunks: Uint8Array[] = [];
  length = 0;
  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
  /** Little-endian fields: [value, byte count (2 or 4)] pairs. */
  fields(...pairs: [number, 2 | 4][]): void {
    const out = new Uint8Array(pairs.reduce((s, [, size]) => s + size, 0));
    const view = new DataView(out.buffer);
    let at = 0;
    for (const [value, size] of pairs) {
      if (size === 2) view.setUint16(at, value, true);
      else view.setUint32(at, value >>> 0, true);
      at += size;
    }
    this.push(out);
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** The archive of the entries, in the given order (the first is what a reader sees first). */
export function zip(entries: readonly ZipEntry[]): Uint8Array {
  if (entries.length > 0xffff) throw new RangeError("Quá nhiều tệp trong một tệp nén.");
  const body = new Bytes();
  const central = new Bytes();
  for (const e of entries) {
    const name = utf8(e.name);
    const crc = crc32(e.data);
    const offset = body.length;
    if (offset + e.data.length > 0xffffffff) throw new RangeError("Tệp nén vượt 4 GB.");
    body.fields([0x04034b50, 4], [VERSION, 2], [UTF8_NAMES, 2], [0, 2], [DOS_TIME, 2], [DOS_DATE, 2], [crc, 4], [e.data.length, 4], [e.data.length, 4], [name.length, 2], [0, 2]);
    body.push(name);
    body.push(e.data);
    central.fields(
      [0x02014b50, 4], [VERSION, 2], [VERSION, 2], [UTF8_NAMES, 2], [0, 2], [DOS_TIME, 2], [DOS_DATE, 2], [crc, 4], [e.data.length, 4], [e.data.length, 4],
      [name.length, 2], [0, 2], [0, 2], [0, 2], [0, 2], [0, 4], [offset, 4],
    );
    central.push(name);
  }
  const out = new Bytes();
  const cdOffset = body.length;
  out.push(body.concat());
  out.push(central.concat());
  out.fields([0x06054b50, 4], [0, 2], [0, 2], [entries.length, 2], [entries.length, 2], [central.length, 4], [cdOffset, 4], [0, 2]);
  return out.concat();
}
