// Test helper: read one entry of a .docx/.xlsx (a zip) with node:zlib, without a zip library. Tests only.
import { inflateRawSync } from 'node:zlib';

/** The text of `entry` inside the zip `buf` (stored or deflated), found through the central directory. */
export function zipEntry(buf: Buffer, entry: string): string {
  let eocd = -1;
  for (let k = buf.length - 22; k >= 0; k--) {
    if (buf.readUInt32LE(k) === 0x06054b50) {
      eocd = k;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (name === entry) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`zip entry ${entry} not found`);
}

/** The visible text of a WordprocessingML part: the <w:t> runs, one line per paragraph. */
export function docxText(xml: string): string {
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}
