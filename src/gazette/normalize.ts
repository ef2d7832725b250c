// Text normalisation for the gazette parser. Pure functions.
//
// Two forms of every string exist: the display form keeps the original wording (only markup removed
// and page-break joins applied); the match form unifies full-/half-width brackets and punctuation and
// drops white space so that two spellings of the same title or number compare equal.

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const CJK_RE = new RegExp(`[${CJK}]`);
const HAS_SPACE = /\s/;

export function isCjk(ch: string): boolean {
  return CJK_RE.test(ch);
}

/** Remove Markdown and HTML markup but keep the words: **bold**, # headings, <b>, <sub>, <p>, checkboxes, $\geq$. */
export function stripMarkup(s: string): string {
  let t = s;
  if (t.includes('<')) {
    t = t
      .replace(/<input[^>]*type=["']?checkbox["']?[^>]*checked[^>]*\/?>/gi, '☑')
      .replace(/<input[^>]*type=["']?checkbox["']?[^>]*\/?>/gi, '☐')
      .replace(/<\/p>\s*<p>/gi, ' ')
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<\/?(?:b|strong|i|em|u|p|span|sub|sup|div|td|tr|th)(?:\s[^>]*)?>/gi, '');
  }
  if (t.includes('$')) t = t.replace(/[ \t]*\$([^$]{1,80})\$[ \t]*/g, (_m, expr: string) => latexToText(expr));
  if (t.includes('*')) t = t.replace(/\*\*/g, '');
  return t;
}

function latexToText(expr: string): string {
  return expr
    .replace(/\\geq?|\\geqslant/g, '≥')
    .replace(/\\leq?|\\leqslant/g, '≤')
    .replace(/\\times/g, '×')
    .replace(/\\%/g, '%')
    .replace(/\\sim/g, '~')
    .replace(/[{}\\]/g, '')
    .replace(/\s+/g, '')
    .trim();
}

/** Strip a leading Markdown heading marker (#…) and list bullet (- ). */
export function stripLinePrefix(s: string): string {
  return s.replace(/^\s*#{1,6}\s*/, '').replace(/^\s*[-*]\s+(?=\S)/, '');
}

/** Remove white space that OCR put between Chinese characters (通 知 → 通知), keep it between Latin words. */
export function compactCjkSpaces(s: string): string {
  const t = s.trim();
  if (!HAS_SPACE.test(t)) return t;
  // One pass over the string (this runs on every line; regular expressions with look-behind were
  // the parser's largest cost). A run of white space is dropped when it sits between two CJK
  // characters or CJK punctuation, or between a CJK character and a number in running text
  // (2022 年) — but not before an enumeration number (长治电网 2. 襄垣).
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (!isSpaceCode(c)) {
      i++;
      continue;
    }
    let j = i;
    let onlyInline = true;
    while (j < t.length && isSpaceCode(t.charCodeAt(j))) {
      const w = t.charCodeAt(j);
      if (w !== 0x20 && w !== 0x09 && w !== 0x3000) onlyInline = false;
      j++;
    }
    const prev = t.charCodeAt(i - 1);
    const next = t.charCodeAt(j);
    let drop = onlyInline && isCjkOrPunct(prev) && isCjkOrPunct(next);
    if (!drop && isCjkCode(prev) && isDigitCode(next)) {
      let k = j;
      while (k < t.length && isDigitCode(t.charCodeAt(k))) k++;
      const after = t[k];
      drop = after !== '.' && after !== '．' && after !== '、';
    }
    if (!drop && isDigitCode(prev) && isCjkCode(next)) drop = true;
    if (drop) {
      out += t.slice(copied, i);
      copied = j;
    }
    i = j;
  }
  return copied === 0 ? t : out + t.slice(copied);
}

function isSpaceCode(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x3000 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x0b ||
    c === 0x0c ||
    c === 0xa0 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x1680
  );
}

function isCjkCode(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const CJK_PUNCT_CODES = new Set([...'“”《》（）〔〕、，。：；！？—'].map((ch) => ch.charCodeAt(0)));

function isCjkOrPunct(c: number): boolean {
  return isCjkCode(c) || CJK_PUNCT_CODES.has(c);
}

/** Display form of one source line: markup removed, CJK spacing compacted, ends trimmed. */
export function displayText(s: string): string {
  return compactCjkSpaces(stripMarkup(stripLinePrefix(s)));
}

const FULL_TO_HALF: Record<string, string> = {
  '（': '(',
  '）': ')',
  '［': '[',
  '］': ']',
  '【': '[',
  '】': ']',
  '〔': '[',
  '〕': ']',
  '：': ':',
  '，': ',',
  '；': ';',
  '！': '!',
  '？': '?',
  '．': '.',
  '－': '-',
  '　': ' ',
};

const FOLD_RE = /[（）［］【】〔〕：，；！？．－　\uff01-\uff5e]/g;
const foldChar = (ch: string): string => FULL_TO_HALF[ch] ?? String.fromCharCode(ch.charCodeAt(0) - 0xfee0);

/** Match form: unified brackets and punctuation, no white space, full-width ASCII folded. */
export function matchForm(s: string): string {
  return stripMarkup(s).replace(FOLD_RE, foldChar).replace(/\s+/g, '');
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105. Returns NaN for anything else. */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let current = 0;
  let seen = false;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      current = CN_DIGITS[ch] as number;
      seen = true;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
      seen = true;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
      seen = true;
    } else return Number.NaN;
  }
  return seen ? total + current : Number.NaN;
}

/** 2023年5月6日 → 2023-05-06; null when not a date. */
export function parseChineseDate(s: string): string | null {
  const m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Does the line end a sentence (so that the next line starts a new paragraph)? */
export function endsSentence(s: string): boolean {
  const t = stripMarkup(s).trimEnd();
  return /[。！？；：:;!?…”’」』）)》\]】]$/.test(t);
}
