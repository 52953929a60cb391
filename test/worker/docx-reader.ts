/**
 * Reading a .docx in the workerd tests: its ZIP entries — STOREd or DEFLATEd (the `docx` library's
 * JSZip deflates), inflated with workerd's DecompressionStream("deflate-raw") and each checked against
 * its CRC-32 (the independent one of test/zip-reader.ts) — and the paragraphs of word/document.xml as
 * plain text (a paragraph's <w:t> runs joined, XML entities read).
 */
import { referenceCrc32 } from "../zip-reader";

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Every entry's bytes by name; throws on a broken archive (bad headers, unknown method, CRC mismatch). */
export async function zipEntries(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && u32(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("no end-of-central-directory record");
  const count = u16(eocd + 10);
  let at = u32(eocd + 16);
  const names = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const out = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    if (u32(at) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const packed = u32(at + 20);
    const size = u32(at + 24);
    const nameLen = u16(at + 28);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    const local = u32(at + 42);
    if (u32(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    const raw = bytes.subarray(start, start + packed);
    const data = method === 0 ? raw : method === 8 ? await inflate(raw) : null;
    if (!data) throw new Error(`${name}: compression method ${method}`);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, the directory says ${size}`);
    if (referenceCrc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
    out.set(name, data);
    at += 46 + nameLen + u16(at + 30) + u16(at + 32);
  }
  return out;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** The text of each paragraph (<w:p>) of a WordprocessingML part, in order (tables' cells are paragraphs too). */
export function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1] ?? "")).join(""));
}

/** word/document.xml of a .docx, as text. */
export async function documentXml(bytes: Uint8Array): Promise<string> {
  const doc = (await zipEntries(bytes)).get("word/document.xml");
  if (!doc) throw new Error("no word/document.xml");
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(doc);
}
