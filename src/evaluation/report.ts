// The score sheet as a Word document (docx): title, ranking table with category scores, grades and flags,
// then per entity the item points with their one-line explanations. Pure: a result in, bytes out.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { fmt2, type ScoreResult } from './engine.ts';
import type { Rubric } from './rubric.ts';

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] })] });
}

export function sheetTitle(rubric: Rubric, period: string | null): string {
  return `${rubric.title}${period ? `（${period}）` : ''}评分表`;
}

export async function buildScoreDocx(rubric: Rubric, res: ScoreResult): Promise<Buffer> {
  const header = new TableRow({
    tableHeader: true,
    children: [
      cell('名次', true),
      cell('单位', true),
      ...rubric.categories.map((c) =>
        cell(`${c.title}${c.weight !== undefined ? `（${c.weight}%）` : `（${c.max}分）`}`, true),
      ),
      cell('加分', true),
      cell('扣分', true),
      cell('总分', true),
      cell('等次', true),
      cell('提示', true),
    ],
  });
  const rows = res.entities.map(
    (e) =>
      new TableRow({
        children: [
          cell(String(e.rank)),
          cell(e.name),
          ...e.categories.map((c) => cell(fmt2(c.score))),
          cell(fmt2(e.bonus)),
          cell(fmt2(e.penalty)),
          cell(fmt2(e.final), true),
          cell(e.grade ?? '—'),
          cell(e.flags.join('；') || '—'),
        ],
      }),
  );
  const details: Paragraph[] = [];
  for (const e of res.entities) {
    details.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        children: [new TextRun(`第${e.rank}名 ${e.name}：${fmt2(e.final)}分${e.grade ? ` ${e.grade}` : ''}`)],
      }),
    );
    for (const i of e.items)
      details.push(
        new Paragraph({
          children: [
            new TextRun({ text: `${i.title}（${fmt2(i.points)}/${fmt2(i.max)}）：`, bold: true }),
            new TextRun(i.explain),
          ],
        }),
      );
    for (const a of e.adjustments) details.push(new Paragraph({ children: [new TextRun(a)] }));
  }
  const doc = new Document({
    creator: 'luoshi',
    title: sheetTitle(rubric, res.period),
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            heading: HeadingLevel.TITLE,
            children: [new TextRun(sheetTitle(rubric, res.period))],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun(`依据：${rubric.docNumber} ${rubric.source}`)],
          }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
          new Paragraph({
            children: [new TextRun({ text: '分值按全精度计算，表中保留两位小数。', italics: true, size: 18 })],
          }),
          ...details,
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
