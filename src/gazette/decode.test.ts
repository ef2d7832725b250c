// Bad input at the byte level: empty, binary, GB18030/GBK, UTF-16, CRLF and BOM.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { decodeGazette } from './decode.ts';

const sample = '# 某县人民政府公报\n\n2024 第 1 期\n\n某县人民政府\n\n关于做好某项工作的通知\n\n某政发〔2024〕1号\n';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('decodeGazette', () => {
  it('refuses an empty file, naming it', () => {
    const e = thrown(() => decodeGazette(new Uint8Array(), 'empty.txt'));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('empty.txt');
    expect(e.message).toContain('空文件');
  });

  it('refuses binary data with the line of the first NUL byte', () => {
    const bytes = Buffer.concat([Buffer.from('第一行\n第二行\n'), Buffer.from([0x00, 0x01, 0x02])]);
    const e = thrown(() => decodeGazette(bytes, 'x.bin'));
    expect(e.code).toBe('BAD_ENCODING');
    expect(e.location.line).toBe(3);
    expect(e.message).toContain('第 3 行');
  });

  it('detects and decodes GB18030/GBK', () => {
    const d = decodeGazette(iconv.encode(sample, 'gbk'), 'gbk.txt');
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(sample);
  });

  it('refuses bytes that are neither UTF-8 nor Chinese GB18030, naming the line', () => {
    const bytes = Buffer.concat([
      Buffer.from('正常的一行\n'),
      Buffer.from([0xff, 0xfe, 0xfd, 0x80, 0x81, 0xc0, 0xc1, 0x41]),
    ]);
    const e = thrown(() => decodeGazette(bytes, 'bad.txt'));
    expect(e.code).toBe('BAD_ENCODING');
    expect(e.location.line).toBe(2);
  });

  it('refuses UTF-16 with a hint', () => {
    const e = thrown(() => decodeGazette(Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'u16.txt'));
    expect(e.message).toContain('UTF-16');
  });

  it('accepts a UTF-8 BOM and CRLF line ends', () => {
    const d = decodeGazette(Buffer.from(`\uFEFF${sample.replace(/\n/g, '\r\n')}`, 'utf8'));
    expect(d).toMatchObject({ hadBom: true, hadCrlf: true, encoding: 'utf-8', text: sample });
  });
});
