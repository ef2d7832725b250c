// Layout of a parsed table (pure). The parser gives rows as printed, which may be ragged:
//  - leading empty cells continue the group above (the printed table merges them): rowspan;
//  - a 合计/总计/小计 row with fewer cells: its label spans the columns before the last value;
//  - other short rows are padded with empty cells so that every row has its borders;
//  - a row longer than the header widens the last header cell (colspan) instead of leaving a gap.
// O(rows × columns), no per-cell allocation beyond one small object.
import type { Table } from '../api/types.ts';

export interface Cell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** An empty cell added to complete a short row. */
  pad: boolean;
}

const TOTAL_ROW = /^(合\s*计|总\s*计|小\s*计|共\s*计|总\s*分)$/;

export function columnCount(table: Pick<Table, 'header' | 'rows'>): number {
  let n = table.header.length;
  for (const r of table.rows) if (r.length > n) n = r.length;
  return n;
}

/** Per row, the cells to render (null = covered by a rowspan from above). */
export function layoutRows(rows: string[][], columns: number): (Cell | null)[][] {
  const out: (Cell | null)[][] = [];
  const owner: (Cell | null)[] = []; // per column, the cell that currently spans downwards
  rows.forEach((row, r) => {
    const cells: (Cell | null)[] = [];
    const first = row[0]?.trim() ?? '';
    if (row.length >= 2 && row.length < columns && TOTAL_ROW.test(first)) {
      const label: Cell = { text: row[0] ?? '', rowSpan: 1, colSpan: columns - row.length + 1, pad: false };
      cells.push(label);
      for (let c = 1; c < row.length; c++) cells.push({ text: row[c] ?? '', rowSpan: 1, colSpan: 1, pad: false });
      owner.fill(null);
      out.push(cells);
      return;
    }
    let leadingEmpty = true;
    for (let c = 0; c < columns; c++) {
      const present = c < row.length;
      const text = present ? (row[c] ?? '') : '';
      const empty = text.trim() === '';
      const above = owner[c];
      if (present && r > 0 && empty && leadingEmpty && above) {
        above.rowSpan += 1;
        cells.push(null);
        continue;
      }
      leadingEmpty = false;
      const cell: Cell = { text, rowSpan: 1, colSpan: 1, pad: !present };
      owner[c] = present ? cell : null;
      cells.push(cell);
    }
    out.push(cells);
  });
  return out;
}

/**
 * Relative column widths from the text they hold (longest single-column cell, capped and damped), so that a column of serial numbers stays narrow and the scoring rules get the room.
 * Returns percentages.
 */
export function columnWidths(rows: (Cell | null)[][], header: string[], columns: number): number[] {
  const longest = new Array<number>(columns).fill(2);
  header.forEach((h, c) => {
    if (c < columns) longest[c] = Math.max(longest[c] ?? 2, h.length);
  });
  for (const row of rows) {
    // A row with a single real cell (a note, a sub-heading) says nothing about column widths.
    let real = 0;
    for (const cell of row) if (cell && !cell.pad) real++;
    if (real < 2) continue;
    let c = 0;
    for (const cell of row) {
      if (cell && cell.colSpan === 1 && !cell.pad) longest[c] = Math.max(longest[c] ?? 2, cell.text.length);
      c += cell ? cell.colSpan : 1;
    }
  }
  const weights = longest.map((n) => Math.min(n, 120) ** 0.7);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((w / total) * 1000) / 10);
}
