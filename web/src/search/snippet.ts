// Search snippets arrive as HTML in which the server escaped everything but <mark>. We never hand
// them to innerHTML: the string is split on <mark>/</mark>, entities are decoded, and the pieces
// become React text nodes (which React escapes again). Any other tag stays literal text.
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code =
        ent[1] === 'x' || ent[1] === 'X' ? Number.parseInt(ent.slice(2), 16) : Number.parseInt(ent.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ent.toLowerCase()] ?? whole;
  });
}

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/** Split a snippet into plain and marked parts. Unbalanced tags are tolerated. */
export function parseSnippet(html: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let last = 0;
  const re = /<(\/?)mark\s*>/gi;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    if (m.index > last) parts.push({ text: decodeEntities(html.slice(last, m.index)), marked });
    marked = m[1] !== '/';
    last = m.index + m[0].length;
  }
  if (last < html.length) parts.push({ text: decodeEntities(html.slice(last)), marked });
  return parts.filter((p) => p.text !== '');
}
