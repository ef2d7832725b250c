// Bytes → text for gazette files. Pure: takes a Buffer, never touches the file system.
// Accepts UTF-8 with or without BOM and CRLF line ends; detects GB18030/GBK (the usual encoding of
// Chinese government text exported from Windows) and decodes it; refuses binary data and empty files
// with a Chinese message naming the file and, where it helps, the line.
import iconv from 'iconv-lite';
import { AppError } from '../platform/errors.ts';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'gb18030';
  hadBom: boolean;
  hadCrlf: boolean;
}

export function decodeGazette(bytes: Uint8Array, file = '(输入)'): Decoded {
  if (bytes.length === 0) throw new AppError('BAD_INPUT', `文件 ${file} 是空文件，没有可解析的公报内容。`, { file });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new AppError('BAD_ENCODING', `文件 ${file} 是 UTF-16 编码，暂不支持。请另存为 UTF-8 编码后再导入。`, {
      file,
      line: 1,
    });
  }
  const nulAt = bytes.indexOf(0);
  if (nulAt >= 0) {
    throw new AppError(
      'BAD_ENCODING',
      `文件 ${file} 第 ${lineOfOffset(bytes, nulAt)} 行含有二进制数据（NUL 字节），不是文本文件。请提供 UTF-8 或 GB18030 编码的公报文本。`,
      { file, line: lineOfOffset(bytes, nulAt) },
    );
  }
  let body = bytes;
  let hadBom = false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
    hadBom = true;
  }
  let text: string;
  let encoding: Decoded['encoding'] = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const invalidAt = firstInvalidUtf8(body);
    const gb = iconv.decode(Buffer.from(body), 'gb18030');
    if (!looksLikeChineseText(gb)) {
      throw new AppError(
        'BAD_ENCODING',
        `文件 ${file} 第 ${lineOfOffset(body, invalidAt)} 行起不是有效的 UTF-8 文本，按 GB18030/GBK 解码也不像中文文本。请确认文件编码（支持 UTF-8、GB18030/GBK）。`,
        { file, line: lineOfOffset(body, invalidAt) },
      );
    }
    text = gb;
    encoding = 'gb18030';
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
  const controlAt = text.search(/[\u0001-\u0008\u000e-\u001f\u007f]/);
  if (controlAt >= 0) {
    const line = text.slice(0, controlAt).split('\n').length;
    throw new AppError('BAD_ENCODING', `文件 ${file} 第 ${line} 行含有控制字符，疑为二进制文件，未导入。`, {
      file,
      line,
    });
  }
  const hadCrlf = text.includes('\r\n');
  if (hadCrlf || text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { text, encoding, hadBom, hadCrlf };
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** GB18030 decodes almost any byte sequence; accept it only when most non-ASCII characters are common CJK. */
function looksLikeChineseText(s: string): boolean {
  let nonAscii = 0;
  let cjk = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) continue;
    nonAscii++;
    if (
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3000 && c <= 0x303f) ||
      (c >= 0xff00 && c <= 0xffef) ||
      c === 0x201c ||
      c === 0x201d
    )
      cjk++;
  }
  return nonAscii > 0 && cjk / nonAscii > 0.9;
}
