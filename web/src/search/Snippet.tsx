// A search snippet as React nodes: plain text and <mark>, nothing else (see snippet.ts).
import type { ReactNode } from 'react';
import { parseSnippet } from './snippet.ts';

export function Snippet({ html }: { html: string }): ReactNode {
  return parseSnippet(html).map((p, i) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
    p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
  );
}
