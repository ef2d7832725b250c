// File edge of the evaluation capability: rubrics are YAML files in rubrics/ (shipped) or any path given
// by the user. Reading and YAML parsing happen here; validation is the pure validateRubric.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { AppError } from '../platform/errors.ts';
import { type Rubric, validateRubric } from './rubric.ts';

export const RUBRICS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../rubrics');

/** Parse YAML text into a validated rubric; `file` names the source in messages. */
export function rubricFromYaml(text: string, file: string): Rubric {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const line = e.linePos?.[0]?.line;
      throw new AppError(
        'BAD_INPUT',
        `评分细则 ${file}${line ? ` 第 ${line} 行` : ''} 不是有效的 YAML：${e.message.split('\n')[0]}`,
        {
          file,
          ...(line ? { line } : {}),
        },
      );
    }
    throw e;
  }
  try {
    return validateRubric(raw, basename(file));
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, `${e.message}（文件 ${file}）`, { file, ...e.location });
    throw e;
  }
}

export function loadRubricFile(path: string): Rubric {
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `找不到评分细则文件 ${path}`, { file: path });
  return rubricFromYaml(readFileSync(path, 'utf8'), path);
}

/** The shipped rubrics, in file-name order. */
export function shippedRubrics(dir = RUBRICS_DIR): Rubric[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => loadRubricFile(resolve(dir, f)));
}

/** A shipped rubric by id, or a rubric file by path. */
export function resolveRubric(idOrPath: string, dir = RUBRICS_DIR): Rubric {
  if (/\.ya?ml$/i.test(idOrPath) || idOrPath.includes('/')) return loadRubricFile(resolve(idOrPath));
  const found = shippedRubrics(dir).find((r) => r.id === idOrPath);
  if (!found) {
    const ids = shippedRubrics(dir).map((r) => r.id);
    throw new AppError('NOT_FOUND', `没有编号为“${idOrPath}”的评分细则（现有：${ids.join('、') || '无'}）`, {
      field: 'rubric',
    });
  }
  return found;
}
