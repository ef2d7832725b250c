// Edge: read a gazette file from disk and decode it. The only file-system code of the gazette capability.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../platform/errors.ts';
import { type Decoded, decodeGazette } from './decode.ts';

export async function readGazetteFile(path: string): Promise<Decoded & { name: string; bytes: number }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError(
      'NOT_FOUND',
      code === 'EISDIR'
        ? `${path} 是目录，请指定公报文本文件。`
        : `无法读取文件 ${path}${code === 'ENOENT' ? '：文件不存在' : `（${code}）`}。`,
      { file: path },
    );
  }
  return { ...decodeGazette(bytes, basename(path)), name: basename(path), bytes: bytes.length };
}

/** A file, or every .txt/.md file of a directory (sorted), for batch import. */
export async function listGazetteFiles(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new AppError('NOT_FOUND', `找不到 ${path}。`, { file: path });
  }
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => /\.(txt|md)$/i.test(n)).sort();
  if (names.length === 0) throw new AppError('BAD_INPUT', `目录 ${path} 中没有 .txt 或 .md 公报文件。`, { file: path });
  return names.map((n) => join(path, n));
}
