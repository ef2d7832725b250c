// Paging of the supervision ledger (GET /api/supervision/items) on real databases: for every filter — state, unit,
// overdue and each light (computed in code) — the pages partition the filtered set exactly (no duplicate, no gap,
// newest first), the total is the size of that set, a page past the end is empty; bad page/pageSize → 400 naming
// the field; the Excel export is never paged.
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { Actor } from '../access/roles.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { forEachDatabase, serverWithSessions } from '../platform/testing.ts';
import { LEDGER_SHEET } from './ledger.ts';
import type { Light } from './lights.ts';
import { act, createItem, type ItemFilter, type ItemSummary, listItems, listItemsPage } from './store.ts';

const TENANT = '140423';
const UNITS = ['县水利局', '县财政局', '县住建局'];
const office: Actor = { id: 1, username: 'admin', displayName: '督查室张敏', role: 'admin', unit: null };
const liaisonOf = (unit: string, k: number): Actor => ({
  id: 10 + k,
  username: `u${k}`,
  displayName: `${unit}联络员`,
  role: 'liaison',
  unit,
});
/** Weekdays of September 2023 before 中秋/国庆: the days items are assigned on. */
const DAYS = [
  '2023-09-04',
  '2023-09-05',
  '2023-09-06',
  '2023-09-07',
  '2023-09-08',
  '2023-09-11',
  '2023-09-12',
  '2023-09-13',
  '2023-09-14',
  '2023-09-15',
  '2023-09-18',
  '2023-09-19',
  '2023-09-20',
];
const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
const LIGHTS: Light[] = ['green', 'yellow', 'red', 'none'];

/**
 * n items assigned on different days and taken to different states: draft, 交办, 签收, 研究部署, 申请办结, 办结销号;
 * one in five with a close-by date ten days after assignment (so some are overdue).
 */
async function seed(db: Db, n: number): Promise<void> {
  for (let k = 0; k < n; k++) {
    const day = DAYS[k % DAYS.length] as string;
    const lead = UNITS[k % 3] as string;
    const liaison = liaisonOf(lead, k % 3);
    const stage = k % 6;
    const dueOn =
      k % 5 === 0 ? new Date(Date.parse(`${day}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10) : null;
    let item = await createItem(
      db,
      TENANT,
      {
        title: `督办事项 ${k + 1}`,
        category: 'ordinary',
        lead,
        supports: k % 4 === 0 && stage < 4 ? [UNITS[(k + 1) % 3] as string] : [], // (a supporting unit must report before 申请办结)
        dueOn,
        assign: stage !== 0,
      },
      office,
      { now: at(day, '08:30') },
    );
    const step = async (action: string, payload: Record<string, unknown>, actor: Actor, time: string) => {
      item = await act(
        db,
        TENANT,
        item.id,
        { action: action as never, payload, expectedVersion: item.version },
        actor,
        {
          now: at(day, time),
        },
      );
    };
    if (stage >= 2) await step('acknowledge', {}, liaison, '09:00');
    if (stage >= 3) await step('deploy', { summary: '研究部署' }, liaison, '09:30');
    if (stage >= 4)
      await step(
        'request_closure',
        { summary: '已完成', evidence: [{ name: '办结报告.pdf', ref: 'files/x.pdf' }] },
        liaison,
        '15:00',
      );
    if (stage >= 5) await step('close', { rating: '良好' }, office, '17:00');
  }
}

/** The filter's set computed without paging and without SQL narrowing of the light: the reference. */
async function reference(db: Db, filter: ItemFilter, now: Date): Promise<number[]> {
  const { light, ...rest } = filter;
  const all = await listItems(db, TENANT, rest, { now });
  return all.filter((s) => !light || s.light.light === light).map((s) => s.id);
}

const FILTERS: ItemFilter[] = [
  {},
  { state: 'assigned' },
  { state: 'closure_requested' },
  { unit: '县水利局' },
  { unit: '县住建局' },
  { overdue: true },
  { overdue: false },
  ...LIGHTS.map((light) => ({ light })),
  { light: 'red', unit: '县财政局' },
  { light: 'green', state: 'closure_requested' },
  { light: 'red', overdue: true },
  { light: 'yellow', overdue: false },
  { light: 'none', state: 'draft' },
  { light: 'red', state: 'closed' },
];

forEachDatabase('supervision ledger paging', (t) => {
  it('pages partition every filtered set exactly, newest first, with the total (lights included)', async () => {
    await seed(t.db, 36);
    const nows = [at('2023-09-20', '15:00'), at('2023-09-25', '10:00')];
    // the data set is meaningful: every light occurs at the first instant
    const lights = (await listItems(t.db, TENANT, {}, { now: nows[0] })).map((s) => s.light.light);
    for (const light of LIGHTS) expect(lights, light).toContain(light);
    expect((await reference(t.db, { overdue: true }, nows[0] as Date)).length).toBeGreaterThan(0);

    for (const [n, now] of nows.entries()) {
      for (const filter of FILTERS) {
        const expected = await reference(t.db, filter, now);
        expect([...expected].sort((a, b) => b - a)).toEqual(expected);
        for (const pageSize of n === 0 ? [1, 5, 50] : [7]) {
          const seen: number[] = [];
          const pages = Math.max(1, Math.ceil(expected.length / pageSize));
          for (let page = 1; page <= pages + 1; page++) {
            const r = await listItemsPage(t.db, TENANT, filter, { page, pageSize }, { now });
            const what = `${JSON.stringify(filter)} page ${page}/${pageSize} at ${now.toISOString()}`;
            expect(r.total, what).toBe(expected.length);
            expect([r.page, r.pageSize], what).toEqual([page, pageSize]);
            if (page > pages) expect(r.items, what).toEqual([]);
            else expect(r.items.length, what).toBe(Math.min(pageSize, expected.length - (page - 1) * pageSize));
            if (filter.light) for (const s of r.items) expect(s.light.light, what).toBe(filter.light);
            seen.push(...r.items.map((s: ItemSummary) => s.id));
          }
          expect(seen, `${JSON.stringify(filter)} by ${pageSize}`).toEqual(expected);
        }
      }
    }
  });

  it('a page of the store equals the same items of the full list (same summaries, same lights)', async () => {
    await seed(t.db, 12);
    const now = at('2023-09-20', '15:00');
    for (const filter of [{}, { light: 'red' as const }, { light: 'none' as const }]) {
      const all = await listItems(t.db, TENANT, filter, { now });
      const page = await listItemsPage(t.db, TENANT, filter, { page: 2, pageSize: 2 }, { now });
      expect(page.items).toEqual(all.slice(2, 4));
    }
  });

  it('refuses a page or page size that is not a positive integer (store), naming the field', async () => {
    for (const [pageRequest, field] of [
      [{ page: 0, pageSize: 10 }, 'page'],
      [{ page: 1.5, pageSize: 10 }, 'page'],
      [{ page: 1, pageSize: 0 }, 'pageSize'],
      [{ page: 1, pageSize: Number.NaN }, 'pageSize'],
    ] as const) {
      const e = await listItemsPage(t.db, TENANT, {}, pageRequest).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('BAD_INPUT');
      expect((e as AppError).location.field).toBe(field);
    }
  });

  it('GET /api/supervision/items: page and pageSize, total, 400 naming the field; the export is complete', async () => {
    await seed(t.db, 9);
    const now = at('2023-09-20', '15:00');
    const { app, session } = await serverWithSessions(
      t.db,
      TENANT,
      [{ username: 'admin', role: 'admin', displayName: '督查室张敏' }],
      { now: () => now },
    );
    try {
      const { cookies } = session('admin');
      const get = (url: string) => app.inject({ method: 'GET', url, cookies });

      // no paging parameters: the first page of 50, the same shape as before plus the total
      const first = await get('/api/supervision/items');
      expect(first.statusCode, first.body).toBe(200);
      const body = first.json() as { items: ItemSummary[]; total: number; page: number; pageSize: number };
      expect(body).toMatchObject({ total: 9, page: 1, pageSize: 50 });
      expect(body.items.map((i) => i.id)).toEqual(await reference(t.db, {}, now));

      const filters: Record<string, string>[] = [
        {},
        { light: 'red' },
        { light: 'none' },
        { light: 'green', unit: '县水利局' },
      ];
      for (const filter of filters) {
        const expected = await reference(t.db, filter as ItemFilter, now);
        const seen: number[] = [];
        for (let page = 1; page <= Math.ceil(expected.length / 2) + 1; page++) {
          const q = new URLSearchParams({ ...filter, page: String(page), pageSize: '2' });
          const res = await get(`/api/supervision/items?${q}`);
          expect(res.statusCode, res.body).toBe(200);
          const r = res.json() as { items: ItemSummary[]; total: number };
          expect(r.total).toBe(expected.length);
          seen.push(...r.items.map((i) => i.id));
        }
        expect(seen, JSON.stringify(filter)).toEqual(expected);
      }

      for (const [query, field] of [
        ['page=0', 'page'],
        ['page=-1', 'page'],
        ['page=1.5', 'page'],
        ['page=abc', 'page'],
        ['page=', 'page'],
        ['page=1000001', 'page'],
        ['pageSize=0', 'pageSize'],
        ['pageSize=201', 'pageSize'],
        ['pageSize=x', 'pageSize'],
        ['pageSize=2.5', 'pageSize'],
      ]) {
        const res = await get(`/api/supervision/items?${query}`);
        expect(res.statusCode, query).toBe(400);
        const error = (res.json() as { error: { code: string; message: string; field: string } }).error;
        expect(error.code).toBe('BAD_INPUT');
        expect(error.field, query).toBe(field);
        expect(error.message, query).toContain(`查询参数“${field}”`);
        expect(error.message, query).toMatch(field === 'page' ? /页码/ : /每页/);
      }
      expect((await get('/api/supervision/items?pageSize=200')).statusCode).toBe(200);

      // the Excel ledger ignores paging: every item of the filter
      const xlsx = await get('/api/supervision/ledger.xlsx?page=2&pageSize=1');
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.getWorksheet(LEDGER_SHEET)?.rowCount).toBe(1 + 9);
    } finally {
      await app.close();
    }
  });
});
