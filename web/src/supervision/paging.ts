// Paging of the 督办台账 (pure): the page and page size live in the URL next to the filters
// (/supervision?light=red&page=3&pageSize=100); the server answers one page and the total.

/** Page sizes offered on the ledger; the server's default is 50 and its maximum 200. */
export const PAGE_SIZES = [20, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
/** The server's largest page number (a larger one is refused with 400). */
export const MAX_PAGE = 1_000_000;

/** Page and page size from the URL's values: anything unusable falls back to page 1 and the default size. */
export function pagingOf(page: string | null, pageSize: string | null): { page: number; pageSize: number } {
  const p = Number(page);
  const s = Number(pageSize);
  return {
    page: Number.isInteger(p) && p >= 1 ? Math.min(p, MAX_PAGE) : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(s) ? s : DEFAULT_PAGE_SIZE,
  };
}

export interface PagerView {
  /** Number of pages (at least 1). */
  pages: number;
  /** 1-based positions of the first and last item shown, 0 and 0 when the page is empty. */
  from: number;
  to: number;
  /** Chinese summary: 共 123 项，第 51–100 项，第 2 / 3 页. */
  text: string;
}

export function pagerView(total: number, page: number, pageSize: number, shown: number): PagerView {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = shown > 0 ? (page - 1) * pageSize + 1 : 0;
  const to = shown > 0 ? from + shown - 1 : 0;
  const range = shown > 0 ? `，第 ${from}–${to} 项` : '';
  return { pages, from, to, text: `共 ${total} 项${range}，第 ${page} / ${pages} 页` };
}
