/**
 * A tiny ZIP reader for tests, independent of shared/xlsx/zip.ts (its own bitwise CRC-32): walks the
 * central directory from the end-of-central-directory record, checks each local header against it,
 * and each entry's CRC. STOREd entries (method 0), which is all the writer makes; DEFLATEd ones (method
 * 8, the `docx` library's) only when the caller passes an inflater (Node's zlib.inflateRawSync). Runs in
 * Node and in workerd (no Node modules).
 */
export interface ReadEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly data: Uint8Array;
}

/** Bitwise CRC-32 (no table): slow and obviously right. */
export function referenceCrc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function readZip(bytes: Uint8Array, inflateRaw?: (data: Uint8Array) => Uint8Array): ReadEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const eocd = bytes.length - 22;
  if (u32(eocd) !== 0x06054b50) throw new Error("no end-of-central-directory record at the end");
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  let at = u32(eocd + 16);
  if (at + cdSize !== eocd) throw new Error("central directory does not end where the EOCD starts");
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const out: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (u32(at) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const size = u32(at + 20);
    const unpacked = u32(at + 24);
    if (method === 0 && unpacked !== size) throw new Error("compressed size ≠ size for a stored entry");
    const nameLen = u16(at + 28);
    const extraLen = u16(at + 30);
    const commentLen = u16(at + 32);
    const local = u32(at + 42);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    if (u32(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    // A DEFLATEd entry written with a data descriptor (flag bit 3) leaves its local sizes zero; a STOREd one is always checked.
    const described = method === 8 && flags & 8 ? null : [u32(local + 14), u32(local + 18), u32(local + 22)];
    if (described && (described[0] !== crc || described[1] !== size || described[2] !== unpacked)) throw new Error(`local header of ${name} disagrees with the central directory`);
    const localName = decoder.decode(bytes.subarray(local + 30, local + 30 + u16(local + 26)));
    if (localName !== name) throw new Error(`local name ${localName} ≠ ${name}`);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    const raw = bytes.subarray(start, start + size);
    if (method !== 0 && !(method === 8 && inflateRaw)) throw new Error(`${name}: method ${method}, only STORE is read here (DEFLATE with an inflater)`);
    const data = method === 8 && inflateRaw ? inflateRaw(raw) : raw;
    if (data.length !== unpacked) throw new Error(`${name}: ${data.length} bytes, the directory says ${unpacked}`);
    if (referenceCrc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
    out.push({ name, method, flags, crc, data });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The entries' texts by name (UTF-8). */
export function zipTexts(bytes: Uint8Array, inflateRaw?: (data: Uint8Array) => Uint8Array): Map<string, string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  return new Map(readZip(bytes, inflateRaw).map((e) => [e.name, decoder.decode(e.data)]));
}
