// HTTP routes of the county's supervision settings (督办设置) and working-day calendar (工作日历):
//   GET /api/supervision/settings            staff (supervision:read): settings, version, official years
//   PUT /api/supervision/settings {settings, version}   admin (supervision:settings); 409 on a stale version
//   GET /api/supervision/settings/history    admin: every saved version, newest first
//   GET /api/supervision/calendar/day?date=YYYY-MM-DD[&add=n]   staff: the day with the county's overrides
//        (working day or not, why, official or an estimate) and optionally the n-th working day after it
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { type IsoDate, weekdayName } from '../calendar/dates.ts';
import { addWorkdays, dayInfo, hasOfficialSchedule, OFFICIAL_YEARS } from '../calendar/workdays.ts';
import { openapi, parseInput } from '../platform/validate.ts';
import { getSettingsRecord, type SettingsRecord, saveSupervisionSettings, settingsHistory } from './settingsStore.ts';
import type { SupervisionSettings } from './types.ts';

const tags = ['督办设置'];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');

const settingsSchema = z.object({
  dayCounting: z.enum(['working', 'calendar'], { error: '计日方式应为 working（工作日）或 calendar（自然日）' }),
  yellowWithinDays: z.number({ error: '黄灯提前天数应为整数' }).int('黄灯提前天数应为整数'),
  escalation: z.object({
    urge: z.number({ error: '催办阈值应为整数' }).int('催办阈值应为整数'),
    notice: z.number({ error: '通报阈值应为整数' }).int('通报阈值应为整数'),
    interview: z.number({ error: '约谈阈值应为整数' }).int('约谈阈值应为整数'),
  }),
  calendar: z
    .array(
      z.object({
        date: isoDate,
        workday: z.boolean({ error: 'workday 应为 true（上班）或 false（放假）' }),
        note: z
          .string({ error: '请填写调整说明（note）' })
          .trim()
          .min(1, '调整说明不能为空')
          .max(200, '说明最多 200 字'),
      }),
      { error: '日历调整表应为列表' },
    )
    .max(2000, '日历调整最多 2000 条'),
});

const putBody = z.object({
  settings: settingsSchema,
  version: z.number({ error: '应提交所编辑设置的版本号（version，未保存过为 0）' }).int().min(0),
});

const dayQuery = z.object({
  date: isoDate,
  add: z.coerce.number({ error: 'add 应为整数' }).int('add 应为整数').min(-3660).max(3660).optional(),
});

/** The record as the API answers it: each override says whether its year has an official national schedule. */
function shape(r: SettingsRecord) {
  return {
    ...r,
    officialYears: { first: OFFICIAL_YEARS[0] ?? null, last: OFFICIAL_YEARS[OFFICIAL_YEARS.length - 1] ?? null },
    overrides: r.settings.calendar.map((o) => ({
      ...o,
      weekday: weekdayName(o.date),
      yearOfficial: hasOfficialSchedule(Number(o.date.slice(0, 4))),
    })),
  };
}

export async function supervisionSettingsRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;

  app.get('/api/supervision/settings', { schema: { tags, summary: '督办设置与本县日历调整' } }, async (request) => {
    await authorize(request, 'supervision:read');
    return shape(await getSettingsRecord(ctx.db, ctx.tenant));
  });

  app.put(
    '/api/supervision/settings',
    {
      schema: {
        tags,
        summary: '保存督办设置（计日方式、黄灯天数、逾期升级阈值、日历调整）；版本号不一致时 409',
        body: openapi(putBody),
      },
    },
    async (request) => {
      await authorize(request, 'supervision:settings');
      const body = parseInput(putBody, request.body, 'body');
      const saved = await saveSupervisionSettings(
        ctx.db,
        ctx.tenant,
        body.settings as SupervisionSettings,
        request.actor,
        { expectedVersion: body.version, now: ctx.access.now(), ip: request.ip },
      );
      return shape(saved);
    },
  );

  app.get(
    '/api/supervision/settings/history',
    { schema: { tags, summary: '督办设置的历次版本（新的在前）' } },
    async (request) => {
      await authorize(request, 'supervision:settings');
      return { versions: await settingsHistory(ctx.db, ctx.tenant) };
    },
  );

  app.get(
    '/api/supervision/calendar/day',
    {
      schema: {
        tags,
        summary: '按本县日历查询某日是否工作日（含调整与是否为估算），可选 add=n 求其后第 n 个工作日',
        querystring: openapi(dayQuery),
      },
    },
    async (request) => {
      await authorize(request, 'supervision:read');
      const q = parseInput(dayQuery, request.query, 'query');
      const { settings } = await getSettingsRecord(ctx.db, ctx.tenant);
      const info = dayInfo(q.date as IsoDate, settings.calendar);
      const added = q.add === undefined ? null : addWorkdays(q.date as IsoDate, q.add, settings.calendar);
      return {
        day: { ...info, weekdayName: weekdayName(q.date) },
        add: added ? { n: q.add, ...added, info: dayInfo(added.date, settings.calendar) } : null,
      };
    },
  );
}
