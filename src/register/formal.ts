// The formal text of an issued document: the draft's 主送机关 and body under its assigned 发文字号, with the signature,
// 成文日期 and 附注 — in the gazette's format, so that the compiler can print it and the parser read it. Pure.
//
//   draft (title, 主送机关：, body)  +  register entry (number, issuer, title, date, 附注)  →  text  →  Document
import { readDraft } from '../docflow/preflight.ts';
import { parseGazette } from '../gazette/parse.ts';
import type { Document } from '../gazette/types.ts';
import { AppError } from '../platform/errors.ts';
import { DISCLOSURE_NOTES } from './numbers.ts';
import type { RegisterDisclosure } from './schema.ts';

export interface FormalEntry {
  docNumber: string;
  issuer: string;
  title: string;
  signedOn: string;
  disclosure: RegisterDisclosure;
}

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The formal text of one document (no cover): header, number, 主送机关, body, signature, date, 附注. */
export function formalText(draft: string, e: FormalEntry): string {
  const d = readDraft(draft);
  if (d.body.length === 0) {
    throw new AppError('BAD_INPUT', '草稿没有正文（标题和主送机关之后没有文字），无法生成正式文本。', {
      field: 'draft',
    });
  }
  // the body as written, line by line (sentences of one line stay on one line)
  const lines = draft.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const firstBody = d.body[0]?.line ?? lines.length;
  const body = lines
    .slice(firstBody - 1)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  // the draft's own signature (drafting unit + date) gives way to the issuer's
  if (body.length && /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(body.at(-1) as string)) {
    body.pop();
    const sig = body.at(-1);
    if (sig !== undefined && sig.length <= 30 && !/[。；，：]/.test(sig)) body.pop();
  }
  return [
    e.issuer,
    e.title,
    '',
    e.docNumber,
    '',
    ...(d.addressees.length ? [`${d.addressees.join('，')}：`, ''] : []),
    ...body.flatMap((l) => [l, '']),
    e.issuer,
    '',
    chineseDate(e.signedOn),
    '',
    DISCLOSURE_NOTES[e.disclosure],
    '',
  ].join('\n');
}

/**
 * The Document of a formal text (or of any one-document text in the gazette's format), as the parser reads it
 * inside an issue. Refuses text that is not exactly one complete document.
 */
export function documentOfFormal(text: string, file = '正式文本'): Document {
  const issue = parseGazette(`# 公文正式文本公报\n\n2000 第 1 期\n\n${text}`);
  const errors = issue.findings.filter((f) => f.severity === 'error');
  if (issue.documents.length !== 1 || errors.length > 0) {
    throw new AppError(
      'PARSE_FAILED',
      `${file} 不是一件完整的公文（应有发文机关、标题、单独一行的发文字号、主送机关、正文、落款和成文日期）${errors.length ? `：${errors[0]?.message}` : `，识别出 ${issue.documents.length} 件`}。`,
      { file },
    );
  }
  return issue.documents[0] as Document;
}
