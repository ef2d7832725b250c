// A parsed table as a real <table>. Rows whose leading cells are empty continue the group above
// (the printed table merges those cells), so those cells are rendered with rowspan.
import { memo } from 'react';
import type { Table } from '../api/types.ts';

interface Cell {
  text: string;
  rowSpan: number;
}

/** Per row, the cells to render (null = covered by a rowspan from above). O(rows × columns). */
export function spanCells(rows: string[][]): (Cell | null)[][] {
  const out: (Cell | null)[][] = [];
  const owner: (Cell | null)[] = []; // per column, the cell that currently spans downwards
  rows.forEach((row, r) => {
    const cells: (Cell | null)[] = [];
    let leadingEmpty = true;
    row.forEach((text, c) => {
      const empty = text.trim() === '';
      const above = owner[c];
      if (r > 0 && empty && leadingEmpty && above) {
        above.rowSpan += 1;
        cells.push(null);
        return;
      }
      leadingEmpty = false;
      const cell: Cell = { text, rowSpan: 1 };
      owner[c] = cell;
      cells.push(cell);
    });
    // A row shorter than the one above ends the spans of the missing columns.
    for (let c = row.length; c < owner.length; c++) owner[c] = null;
    out.push(cells);
  });
  return out;
}

export const TableView = memo(function TableView({ table, caption }: { table: Table; caption?: boolean }) {
  const cells = spanCells(table.rows);
  return (
    <div className="table-scroll">
      <table className="doc-grid">
        {caption !== false && table.title && <caption>{table.title}</caption>}
        {table.header.length > 0 && (
          <thead>
            <tr>
              {table.header.map((h, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: header cells have no identity but their position
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {cells.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and never reordered
            <tr key={r}>
              {row.map((cell, c) =>
                cell ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={c} rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}>
                    {cell.text}
                  </td>
                ) : null,
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
