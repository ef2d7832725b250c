// Excel ledger benchmark (issue #5, 台账): importing a 5,000-row .xlsx (1,000 with --quick) into SQLite in memory —
// every row validated, then 立项 + 交办 with events and audit rows in one transaction — and exporting those items
// back to .xlsx. Baselines in the same run: reading and validating the same file without writing (the import's
// own cost is the rest), and listing the same items with their lights (the export's own cost is the rest).
import ExcelJS from 'exceljs';
import type { Actor } from '../src/access/roles.ts';
import { openDb } from '../src/platform/db.ts';
import { parseLedger, readLedgerWorkbook } from '../src/supervision/ledger.ts';
import { exportLedger, importLedger, unitChecker } from '../src/supervision/ledgerStore.ts';
import { listItems, supervisionActor } from '../src/supervision/store.ts';
import { DEFAULT_SETTINGS } from '../src/supervision/types.ts';

const TENANT = '140423';
const UNITS = [
  '县水利局',
  '县财政局',
  '县住建局',
  '县发改和科技局',
  '县能源局',
  '县教育局',
  '县交通局',
  '县农业农村局',
];

async function ledger(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('督办台账');
  ws.addRow([
    '事项名称*',
    '任务内容',
    '事项类别',
    '牵头单位*',
    '配合单位',
    '是否交办',
    '交办日期',
    '要求办结时限',
    '出处',
  ]);
  for (let i = 0; i < rows; i++) {
    ws.addRow([
      `重点工作任务第 ${i + 1} 项`,
      `按照县政府工作部署，完成第 ${i + 1} 项重点工作并按时反馈。`,
      i % 10 === 0 ? '重大复杂事项' : '一般事项',
      UNITS[i % UNITS.length],
      UNITS[(i + 3) % UNITS.length],
      '',
      '',
      i % 2 ? '2023-12-31' : '',
      '襄政办发〔2023〕21号',
    ]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function benchLedger(opts: { quick: boolean; log: (line: string) => void }): Promise<void> {
  const { log } = opts;
  const rows = opts.quick ? 1000 : 5000;
  const data = await ledger(rows);
  const now = new Date('2023-09-25T09:00:00+08:00');
  const actor: Actor = { id: 1, username: 'bench', displayName: '基准测试', role: 'admin', unit: null };
  log(`# ledger: ${rows} rows, ${(data.length / 1024).toFixed(0)} KB .xlsx, SQLite in memory`);
  const db = await openDb({ file: ':memory:' });
  try {
    // baseline: read + validate only (no writes)
    let t = performance.now();
    const book = await readLedgerWorkbook(data);
    if ('error' in book) throw new Error(book.error);
    const parsed = parseLedger(book.rows, {
      today: '2023-09-25',
      unit: await unitChecker(db, TENANT),
      actor: supervisionActor(actor),
      now: now.toISOString(),
      settings: DEFAULT_SETTINGS,
    });
    const validateMs = performance.now() - t;
    if (parsed.issues.length) throw new Error(parsed.issues[0]?.message);
    t = performance.now();
    const r = await importLedger(db, TENANT, data, actor, { now, fileName: 'bench.xlsx' });
    const importMs = performance.now() - t;
    if (r.created.length !== rows) throw new Error('not every row was imported');
    log(`ledger-import-${rows}-rows-ms: ${importMs.toFixed(0)}`);
    log(`ledger-validate-${rows}-rows-ms: ${validateMs.toFixed(0)}`);
    log(`ledger-import-vs-validate-ratio: ${(importMs / validateMs).toFixed(1)}`);

    t = performance.now();
    const listed = await listItems(db, TENANT, {}, { now });
    const listMs = performance.now() - t;
    t = performance.now();
    const file = await exportLedger(db, TENANT, {}, actor, { now });
    const exportMs = performance.now() - t;
    if (file.count !== listed.length) throw new Error('export count differs');
    log(`ledger-export-${rows}-items-ms: ${exportMs.toFixed(0)}`);
    log(`ledger-list-${rows}-items-ms: ${listMs.toFixed(0)}`);
    log(`ledger-export-vs-list-ratio: ${(exportMs / listMs).toFixed(1)}`);
  } finally {
    await db.close();
  }
}
