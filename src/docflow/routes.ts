// HTTP routes of the document pre-flight (襄政发〔2023〕7号 第二十七—三十五条), staff only (docflow:check):
//   POST /api/docflow/check        {text | contentBase64 (+fileName), type?, scope?, normative?, legalReview?,
//                                   proxyDraft?} → the pre-flight result (findings quote the sentence)
//   POST /api/docflow/countersign  {sentOn, workdays?, agreedDueOn?, repliedOn?, asOf?} → the 7-working-day clock
//   POST /api/docflow/upper        {upperDeadline, name, submittedOn?} → the 15/10-day draft deadline
//   POST /api/docflow/sign         {issuedAs, type, signer, normative?, important?, mayorAgreed?} → 第三十三条
// An uploaded file goes through the gazette decoder (UTF-8 or GB18030; other encodings refused in Chinese).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../access/guard.ts';
import { shanghaiDate } from '../calendar/dates.ts';
import { decodeGazette } from '../gazette/decode.ts';
import { AppError } from '../platform/errors.ts';
import { openapi, parseInput } from '../platform/validate.ts';
import { countersignRoutes } from './countersignRoutes.ts';
import { preflight } from './preflight.ts';
import { checkSigning, countersignClock, signerOf, upperDraftClock } from './rules.ts';
import { DOC_TYPES } from './types.ts';

const tags = ['公文处理'];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');

const checkBody = z.object({
  text: z.string().max(200_000, '草稿过长（最多 20 万字）').optional(),
  contentBase64: z.string().max(700_000, '上传的文件过大（最多约 500 KB）').optional(),
  fileName: z.string().max(200).optional(),
  type: z.string().max(10).optional(),
  scope: z
    .enum(['comprehensive', 'general', 'special'], { error: '篇幅类别应为 comprehensive、general 或 special' })
    .optional(),
  normative: z.boolean().optional(),
  legalReview: z.boolean().optional(),
  proxyDraft: z.boolean().optional(),
});

const countersignBody = z.object({
  sentOn: isoDate,
  workdays: z.number().int().min(1).max(60).optional(),
  agreedDueOn: isoDate.nullable().optional(),
  repliedOn: isoDate.nullable().optional(),
  asOf: isoDate.optional(),
});

const upperBody = z.object({
  upperDeadline: isoDate,
  name: z.enum(['party-and-government', 'government'], {
    error: '报送名义应为 party-and-government（县委、县人民政府）或 government（县人民政府）',
  }),
  submittedOn: isoDate.nullable().optional(),
});

const signBody = z.object({
  issuedAs: z.enum(['government', 'office'], {
    error: '发文名义应为 government（县人民政府）或 office（县人民政府办公室）',
  }),
  type: z.enum(DOC_TYPES, { error: `文种应为 ${DOC_TYPES.join('、')} 之一` }),
  signer: z.string().trim().min(1, '请填写签发人').max(30),
  normative: z.boolean().optional(),
  important: z.boolean().optional(),
  mayorAgreed: z.boolean().optional(),
});

export async function docflowRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.luoshi;
  const today = () => shanghaiDate(ctx.access.now().toISOString()) as string;

  app.post(
    '/api/docflow/check',
    {
      schema: {
        tags,
        summary: '公文预审：文种、篇幅、一文一事、报告夹带请示、主送、合法性审核',
        body: openapi(checkBody),
      },
    },
    async (request) => {
      await authorize(request, 'docflow:check');
      const b = parseInput(checkBody, request.body, 'body');
      if ((b.text === undefined) === (b.contentBase64 === undefined)) {
        throw new AppError('BAD_INPUT', '请粘贴草稿文字（text）或上传草稿文件（contentBase64），二者选一。', {
          field: 'text',
        });
      }
      const text =
        b.text ?? decodeGazette(Buffer.from(b.contentBase64 as string, 'base64'), b.fileName ?? '上传的草稿').text;
      const r = preflight({
        text,
        type: b.type,
        scope: b.scope,
        normative: b.normative,
        legalReview: b.legalReview,
        proxyDraft: b.proxyDraft,
      });
      return { result: r };
    },
  );

  app.post(
    '/api/docflow/countersign',
    {
      schema: {
        tags,
        summary: '会签回复时限（第三十一条：7个工作日，逾期视为无不同意见）',
        body: openapi(countersignBody),
      },
    },
    async (request) => {
      await authorize(request, 'docflow:check');
      const b = parseInput(countersignBody, request.body, 'body');
      return { clock: countersignClock({ ...b, asOf: b.asOf ?? today() }) };
    },
  );

  app.post(
    '/api/docflow/upper',
    { schema: { tags, summary: '代拟稿报送时限（第二十八条：15日或10日）', body: openapi(upperBody) } },
    async (request) => {
      await authorize(request, 'docflow:check');
      const b = parseInput(upperBody, request.body, 'body');
      return { clock: upperDraftClock(b) };
    },
  );

  app.post(
    '/api/docflow/sign',
    { schema: { tags, summary: '签发权限（第三十三条）', body: openapi(signBody) } },
    async (request) => {
      await authorize(request, 'docflow:check');
      const b = parseInput(signBody, request.body, 'body');
      return { answer: checkSigning({ ...b, signer: signerOf(b.signer) }) };
    },
  );

  await countersignRoutes(app);
}
