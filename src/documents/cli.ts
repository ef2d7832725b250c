// `luoshi import`, `search`, `serve`, `start`: the document capability's command line.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { cliActor } from '../access/audit.ts';
import { loadGazette } from '../gazette/cli.ts';
import { listGazetteFiles } from '../gazette/source.ts';
import type { CliIO, Command, Flags } from '../platform/cli.ts';
import { requireArg } from '../platform/cli.ts';
import { portFrom, tenantFrom } from '../platform/config.ts';
import { type Db, openDb } from '../platform/db.ts';
import { AppError, isAppError } from '../platform/errors.ts';
import { importGazette } from '../platform/importing.ts';
import { search } from './search.ts';
import { listIssues } from './store.ts';

const DISCLOSURES = ['public', 'partial', 'restricted'] as const;

const osUser = () => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

/** --db <path> opens that SQLite file; otherwise DATABASE_URL (PostgreSQL) or ./data/luoshi.db. */
export function openDbFromFlags(flags: Flags): Promise<Db> {
  const file = typeof flags.db === 'string' ? flags.db : undefined;
  if (file) return openDb({ file });
  const url = process.env.DATABASE_URL;
  return url ? openDb({ url }) : openDb({ file: './data/luoshi.db' });
}

const ACTION_ZH = { created: '新增', unchanged: '未变', updated: '已更新（保留旧版本）' } as const;

async function importFiles(db: Db, tenant: string, paths: string[], io: CliIO, json: boolean) {
  const results: {
    file: string;
    ok: boolean;
    issueId?: number;
    status?: string;
    documents?: { docNumber: string; action: string }[];
    error?: unknown;
  }[] = [];
  const bar =
    paths.length > 1 && io.tty && !json
      ? new cliProgress.SingleBar(
          { format: '导入 [{bar}] {value}/{total} 期 {percentage}% 剩余 {eta_formatted} {file}', hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(paths.length, 0, { file: '' });
  for (const [k, path] of paths.entries()) {
    try {
      const { issue, source, name } = await loadGazette(path);
      const r = await importGazette(db, { tenant, issue, source, sourceName: name }, cliActor(osUser()));
      results.push({ file: path, ok: true, issueId: r.issueId, status: r.status, documents: r.documents });
    } catch (e) {
      if (!isAppError(e)) throw e;
      results.push({ file: path, ok: false, error: e.toJSON() });
      if (!json) io.err(`${bar ? '\n' : ''}错误：${e.message}（该文件未导入，数据库未改动）`);
    }
    bar?.update(k + 1, { file: path.split('/').pop() });
    if (!bar && paths.length > 1 && !json) io.err(`导入 ${k + 1}/${paths.length}：${path}`);
  }
  bar?.stop();
  return results;
}

export const documentCommands: Command[] = [
  {
    name: 'import',
    usage: 'luoshi import <文件|目录> [--db <路径>] [--tenant <行政区划代码>] [--json]',
    summary: '导入公报：每期一个事务；重复导入不改变数据；更正后的公文原地更新并保留旧版本。',
    options: { db: { type: 'string' }, tenant: { type: 'string' } },
    async run(args: string[], flags: Flags, io: CliIO) {
      const target = requireArg(args, 0, '公报文件或目录', this.usage);
      const paths = await listGazetteFiles(target);
      const tenant = tenantFrom(flags.tenant);
      const db = await openDbFromFlags(flags);
      try {
        const results = await importFiles(db, tenant, paths, io, Boolean(flags.json));
        if (flags.json) io.out(JSON.stringify({ results }));
        else
          for (const r of results.filter((x) => x.ok)) {
            io.out(
              `${r.file}：${r.status === 'unchanged' ? '与库中一致，未改动' : r.status === 'created' ? '已导入' : '已更新'}（第 ${r.issueId} 期记录）`,
            );
            for (const d of r.documents ?? [])
              if (d.action !== 'unchanged' || paths.length === 1)
                io.out(`  ${d.docNumber} ${ACTION_ZH[d.action as keyof typeof ACTION_ZH] ?? d.action}`);
          }
        const failed = results.filter((r) => !r.ok).length;
        if (failed > 0 && paths.length > 1)
          io.err(`${failed} 个文件导入失败，其余 ${results.length - failed} 个已导入。`);
        return failed === 0 ? 0 : new AppError('PARSE_FAILED', '').exitCode;
      } finally {
        await db.close();
      }
    },
  },
  {
    name: 'search',
    usage:
      'luoshi search <关键词> [--db <路径>] [--issuer <机关>] [--year <年>] [--type <类型>] [--disclosure public,partial] [--limit 20] [--json]',
    summary: '全文检索条款，按相关度排序，返回出处（发文字号、条款 eId）和高亮摘要。',
    options: {
      db: { type: 'string' },
      tenant: { type: 'string' },
      issuer: { type: 'string' },
      year: { type: 'string' },
      type: { type: 'string' },
      disclosure: { type: 'string' },
      limit: { type: 'string' },
    },
    async run(args: string[], flags: Flags, io: CliIO) {
      const query = requireArg(args, 0, '关键词', this.usage).trim();
      if (!query) throw new AppError('BAD_INPUT', '关键词不能为空。');
      const year = flags.year ? Number(flags.year) : undefined;
      if (year !== undefined && !Number.isInteger(year))
        throw new AppError('BAD_INPUT', `年份“${flags.year}”无效。`, { field: 'year' });
      const limit = flags.limit ? Number(flags.limit) : 20;
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new AppError('BAD_INPUT', '--limit 应为 1 到 500 的整数。', { field: 'limit' });
      const disclosures =
        typeof flags.disclosure === 'string' ? flags.disclosure.split(',').map((s) => s.trim()) : undefined;
      for (const d of disclosures ?? [])
        if (!(DISCLOSURES as readonly string[]).includes(d))
          throw new AppError('BAD_INPUT', `公开属性“${d}”无效：可选 public、partial、restricted。`, {
            field: 'disclosure',
          });
      const db = await openDbFromFlags(flags);
      try {
        const r = await search(db, tenantFrom(flags.tenant), {
          query,
          issuer: typeof flags.issuer === 'string' ? flags.issuer : undefined,
          year,
          type: typeof flags.type === 'string' ? flags.type : undefined,
          disclosures: disclosures as (typeof DISCLOSURES)[number][] | undefined,
          limit,
        });
        // the contract lists clause hits (each with its eId); documents whose title matched come separately
        const clauseHits = r.hits.filter((h) => h.eId !== null);
        const titleHits = r.hits.filter((h) => h.eId === null);
        if (flags.json)
          io.out(
            JSON.stringify({
              total: r.total,
              hits: clauseHits.map((h) => ({
                docNumber: h.docNumber,
                title: h.title,
                eId: h.eId,
                snippet: h.snippet,
                citation: h.citation,
                documentId: h.documentId,
              })),
              documents: titleHits.map((h) => ({
                docNumber: h.docNumber,
                title: h.title,
                snippet: h.snippet,
                documentId: h.documentId,
              })),
            }),
          );
        else {
          const plain = (s: string) =>
            s
              .replace(/<mark>/g, '【')
              .replace(/<\/mark>/g, '】')
              .replace(/&lt;/g, '<')
              .replace(/&gt;/g, '>')
              .replace(/&quot;/g, '"')
              .replace(/&#39;/g, "'")
              .replace(/&amp;/g, '&');
          io.out(`“${query}”共 ${r.total} 条结果${r.total > r.hits.length ? `，显示前 ${r.hits.length} 条` : ''}：`);
          for (const h of titleHits) io.out(`  [标题] ${h.docNumber} ${plain(h.snippet)}`);
          for (const h of clauseHits) io.out(`  ${h.citation}\n    ${plain(h.snippet)}\n    ${h.docNumber}#${h.eId}`);
        }
        return 0;
      } finally {
        await db.close();
      }
    },
  },
  {
    name: 'serve',
    usage: 'luoshi serve [--port 8080] [--host 127.0.0.1] [--db <路径>] [--tenant 140423]',
    summary: '启动 Web 服务：门户页面与 /api（OpenAPI 文档在 /api/docs）。',
    options: { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, tenant: { type: 'string' } },
    async run(_args: string[], flags: Flags, io: CliIO) {
      const db = await openDbFromFlags(flags);
      return serve(db, flags, io);
    },
  },
  {
    name: 'start',
    usage: 'luoshi start [--port 8080] [--db <路径>]',
    summary: '数据库为空时导入 samples/ 中的演示公报，然后启动 Web 服务（npm start）。',
    options: { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, tenant: { type: 'string' } },
    async run(_args: string[], flags: Flags, io: CliIO) {
      const db = await openDbFromFlags(flags);
      const tenant = tenantFrom(flags.tenant);
      if ((await listIssues(db, tenant)).length === 0) {
        const demo = resolve(import.meta.dirname, '../../samples/demo-gazette.txt');
        if (!existsSync(demo)) throw new AppError('NOT_FOUND', `找不到演示公报 ${demo}。`);
        io.err('数据库为空，正在导入演示公报（虚构县，仅供演示）……');
        const { issue, source, name } = await loadGazette(demo);
        const r = await importGazette(db, { tenant, issue, source, sourceName: name }, cliActor('npm start'));
        io.err(`已导入演示公报：${issue.title} ${issue.year} 年第 ${issue.number} 期，公文 ${r.documents.length} 件。`);
      }
      return serve(db, flags, io);
    },
  },
];

async function serve(db: Db, flags: Flags, io: CliIO): Promise<number> {
  const { buildServer } = await import('../platform/http.ts');
  const webRoot = resolve(import.meta.dirname, '../../web/dist');
  const app = await buildServer({ db, tenant: tenantFrom(flags.tenant), webRoot, logger: false });
  const port = portFrom(flags.port);
  const host = typeof flags.host === 'string' ? flags.host : process.env.HOST || '127.0.0.1';
  const address = await app.listen({ port, host });
  io.err(`luoshi 已启动：${address}（API 文档 ${address}/api/docs；数据库 ${db.location}）。按 Ctrl+C 停止。`);
  // periodic jobs: the supervision sweep (LUOSHI_SWEEP_MINUTES) and the webhook delivery worker
  const { startScheduler } = await import('../supervision/sweepScheduler.ts');
  const jobs = startScheduler(db, tenantFrom(flags.tenant), { log: (l) => io.err(l) });
  // the outage plan's missed-deadline alarms over the §4.3/§4.5 report clocks, every minute (issue #7)
  const { startAlarmSweep } = await import('../emergency/alarmStore.ts');
  const alarms = startAlarmSweep(db, tenantFrom(flags.tenant), { log: (l) => io.err(l) });
  await new Promise<void>((done) => {
    const stop = () => {
      io.err('正在停止……');
      void alarms
        .stop()
        .then(() => jobs.stop())
        .then(() => app.close())
        .then(() => db.close())
        .then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
