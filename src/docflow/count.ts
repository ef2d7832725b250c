// What counts as a 字 for the length limits of 第二十九条 (襄政发〔2023〕7号). Pure.
//
// The rule (the one 字数统计 of the usual word processors applies to Chinese text, made exact here):
//   - every Chinese character counts 1 (CJK unified ideographs, extensions, compatibility ideographs);
//   - every punctuation mark or symbol counts 1 (，。、；：“”《》（）— … full- or half-width);
//   - a run of Latin letters and digits counts 1 as a whole (2023 = 1, 5G = 1, 12.5% = 1; GB/T 2260 = 4: GB, /, T, 2260):
//     a number is one 字 however many digits it has; a decimal point, thousands comma, colon or percent sign
//     inside or closing a number belongs to the number (3.5, 1,000, 8:30, 20%);
//   - white space (spaces, tabs, line breaks, the ideographic space U+3000) counts 0;
//   - Markdown markup of the text files (# heading marks, ** bold marks, a leading "- " bullet) counts 0.
// The whole draft counts: title, 主送机关, body, 附件 list, signature and date — 第二十九条 limits the 篇幅 of
// the document as sent. (Attachments sent as separate files are checked on their own.)

const RUN = /[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/;

/** Remove Markdown markup that is not part of the text: heading marks, bold marks, list bullets. */
export function stripDraftMarkup(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .map((l) =>
      l
        .replace(/^\s*#{1,6}\s+/, '')
        .replace(/^\s*[-*]\s+(?=\S)/, '')
        .replace(/\*\*/g, ''),
    )
    .join('\n');
}

/** The number of 字 of a text under the rule above. */
export function countChars(text: string): number {
  const chars = [...stripDraftMarkup(text)];
  let n = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (/\s/.test(ch) || ch === '\u3000') continue;
    if (RUN.test(ch)) {
      // one run: letters/digits, joined by . , : inside a number, closed by %
      let j = i + 1;
      while (j < chars.length) {
        const c = chars[j] as string;
        if (RUN.test(c)) {
          j++;
          continue;
        }
        const next = chars[j + 1];
        const prevDigit = /[0-9\uff10-\uff19]/.test(chars[j - 1] as string);
        if (/[.,:．：]/.test(c) && prevDigit && next !== undefined && /[0-9\uff10-\uff19]/.test(next)) {
          j += 2;
          continue;
        }
        if (/[%％]/.test(c) && prevDigit) {
          j++;
        }
        break;
      }
      n++;
      i = j - 1;
      continue;
    }
    n++;
  }
  return n;
}
