// Evidence files (佐证材料) of supervision items: what may be uploaded. Pure: bytes and a name in, a checked
// description out (or an AppError BAD_INPUT in Chinese naming the field).
//
//   types    PDF, JPEG, PNG, Word (.docx), Excel (.xlsx) — recognised by their magic bytes, never by the name or
//            the client's Content-Type; .docx and .xlsx are ZIP files told apart by their main part
//            (word/document.xml, xl/workbook.xml); a ZIP that is neither (or an old .doc/.xls) is refused
//   name     the extension must agree with the content (a PNG called 报告.pdf is refused); path parts and control
//            characters are removed; at most 200 characters
//   size     1 byte … MAX_EVIDENCE_BYTES (10 MiB)
import { createHash } from 'node:crypto';
import { AppError } from '../platform/errors.ts';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export type EvidenceKind = 'pdf' | 'jpg' | 'png' | 'docx' | 'xlsx';

export const EVIDENCE_TYPES: Record<EvidenceKind, { mime: string; extensions: string[]; label: string }> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG 图片' },
  png: { mime: 'image/png', extensions: ['png'], label: 'PNG 图片' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word 文档（.docx）',
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'Excel 表格（.xlsx）',
  },
};

const ALLOWED = 'PDF、JPG、PNG、DOCX、XLSX';

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, k) => bytes[k] === b);
}

/** The names of a ZIP's entries, from its central directory (null when it is not a readable ZIP). */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let k = buf.length - 22; k >= 0 && k >= buf.length - 22 - 65_535; k--) {
    if (buf.readUInt32LE(k) === 0x06054b50) {
      eocd = k;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen > buf.length) return null;
    names.push(buf.subarray(p + 46, p + 46 + nameLen).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** What the bytes are, by magic numbers; null when not one of the allowed types. */
export function sniffEvidence(bytes: Uint8Array): EvidenceKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    if (!names) return null;
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

/** A file name safe to store and to send back: no directories, no control characters, trimmed, ≤ 200 chars. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const kept = [...base].filter((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return c >= 0x20 && c !== 0x7f && ch !== '"';
  });
  return kept.join('').trim().slice(-200);
}

export interface CheckedEvidence {
  name: string;
  kind: EvidenceKind;
  mime: string;
  size: number;
  sha256: string;
}

/** Check an upload: size, type by content, name and extension agreeing. Throws AppError BAD_INPUT. */
export function checkEvidence(rawName: string, bytes: Uint8Array): CheckedEvidence {
  const name = cleanFileName(rawName);
  if (!name) throw new AppError('BAD_INPUT', '字段“name”（文件名）不能为空。', { field: 'name' });
  if (bytes.length === 0) throw new AppError('BAD_INPUT', `文件“${name}”是空文件。`, { field: 'content' });
  if (bytes.length > MAX_EVIDENCE_BYTES)
    throw new AppError(
      'BAD_INPUT',
      `文件“${name}”大小为 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB 的上限。`,
      { field: 'content' },
    );
  const kind = sniffEvidence(bytes);
  if (!kind)
    throw new AppError(
      'BAD_INPUT',
      `文件“${name}”的内容不是允许的类型（${ALLOWED}）；类型按文件内容判断，而不是扩展名。`,
      {
        field: 'content',
      },
    );
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const type = EVIDENCE_TYPES[kind];
  if (!type.extensions.includes(ext))
    throw new AppError(
      'BAD_INPUT',
      `文件“${name}”的扩展名${ext ? `“.${ext}”` : '缺失'}与内容（${type.label}）不符；请使用 .${type.extensions[0]}。`,
      { field: 'name' },
    );
  return { name, kind, mime: type.mime, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Decode strict base64 (RFC 4648, padding optional, no other characters). Throws BAD_INPUT naming the field. */
export function decodeBase64(text: string, field = 'contentBase64'): Buffer {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1)
    throw new AppError('BAD_INPUT', `字段“${field}”不是有效的 Base64 编码。`, { field });
  return Buffer.from(clean, 'base64');
}

/** The reference an action's evidence uses for a stored upload: `evidence:<id>`. */
export function evidenceRef(id: number): string {
  return `evidence:${id}`;
}

/** The upload id of a reference, or null for another kind of reference (a name or an outside link). */
export function evidenceIdOf(ref: string): number | null {
  const m = /^evidence:(\d{1,10})$/.exec(ref);
  return m ? Number(m[1]) : null;
}
