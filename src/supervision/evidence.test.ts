// What may be uploaded as evidence: real files (a .docx made by docx, an .xlsx made by exceljs, PDF/PNG/JPEG
// headers), types by content, names agreeing with content, size limit, base64.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../platform/errors.ts';
import { docxFile, JPG, PDF, PNG, plainZip, xlsxFile } from './evidence.testkit.ts';
import {
  checkEvidence,
  cleanFileName,
  decodeBase64,
  EVIDENCE_TYPES,
  evidenceIdOf,
  evidenceRef,
  MAX_EVIDENCE_BYTES,
  sniffEvidence,
} from './evidence.ts';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return `${e.code}:${e.location.field}:${e.message}`;
    throw e;
  }
  throw new Error('not refused');
}

describe('evidence types by content', () => {
  it('recognises PDF, PNG, JPEG, and tells .docx from .xlsx inside the ZIP', async () => {
    expect(sniffEvidence(PDF)).toBe('pdf');
    expect(sniffEvidence(PNG)).toBe('png');
    expect(sniffEvidence(JPG)).toBe('jpg');
    expect(sniffEvidence(await docxFile())).toBe('docx');
    expect(sniffEvidence(await xlsxFile())).toBe('xlsx');
  });
  it('refuses anything else: text, an executable, a plain ZIP, a truncated ZIP, a GIF', () => {
    expect(sniffEvidence(Buffer.from('会议纪要'))).toBeNull();
    expect(sniffEvidence(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffEvidence(plainZip())).toBeNull();
    expect(sniffEvidence(plainZip().subarray(0, 40))).toBeNull();
    expect(sniffEvidence(Buffer.from('GIF89a'))).toBeNull();
  });
});

describe('checkEvidence', () => {
  it('accepts a file whose extension agrees with its content, with size, MIME type and sha256', async () => {
    const docx = await docxFile();
    const c = checkEvidence('C:\\Users\\王磊\\办结报告.DOCX', docx);
    expect(c).toEqual({
      name: '办结报告.DOCX',
      kind: 'docx',
      mime: EVIDENCE_TYPES.docx.mime,
      size: docx.length,
      sha256: createHash('sha256').update(docx).digest('hex'),
    });
    expect(checkEvidence('现场照片.jpeg', JPG).kind).toBe('jpg');
    expect(checkEvidence('现场照片.jpg', JPG).mime).toBe('image/jpeg');
  });
  it('refuses a mismatch, a missing extension, an unknown type, an empty or too large file, naming the field', async () => {
    expect(refusal(() => checkEvidence('报告.pdf', PNG))).toMatch(/^BAD_INPUT:name:.*“\.pdf”与内容（PNG 图片）不符/);
    expect(refusal(() => checkEvidence('报告', PDF))).toMatch(/^BAD_INPUT:name:.*扩展名缺失/);
    expect(refusal(() => checkEvidence('台账.xlsx', plainZip()))).toMatch(/^BAD_INPUT:content:.*不是允许的类型/);
    expect(refusal(() => checkEvidence('a.pdf', Buffer.alloc(0)))).toMatch(/^BAD_INPUT:content:.*空文件/);
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES)]);
    expect(refusal(() => checkEvidence('大文件.pdf', big))).toMatch(/^BAD_INPUT:content:.*超过 10 MB/);
    expect(checkEvidence('正好.pdf', Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES - PDF.length)])).size).toBe(
      MAX_EVIDENCE_BYTES,
    );
    expect(refusal(() => checkEvidence('../..', PDF))).toMatch(/^BAD_INPUT:name:/);
  });
  it('cleans names: no directories, no control characters or quotes', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\n"c".pdf')).toBe('abc.pdf');
    expect(cleanFileName(`${'长'.repeat(300)}.pdf`)).toHaveLength(200);
  });
});

describe('base64 and references', () => {
  it('decodes strict base64 and refuses anything else', () => {
    expect(decodeBase64(PDF.toString('base64'))).toEqual(PDF);
    expect(refusal(() => decodeBase64('not base64!'))).toMatch(/^BAD_INPUT:contentBase64:/);
  });
  it('refs round-trip; other references are not uploads', () => {
    expect(evidenceIdOf(evidenceRef(42))).toBe(42);
    expect(evidenceIdOf('files/2023/a.pdf')).toBeNull();
    expect(evidenceIdOf('evidence:abc')).toBeNull();
  });
});
