// A parsed table as a real <table>, laid out by tableLayout.ts.
import { memo } from 'react';
import type { Table } from '../api/types.ts';
import { columnCount, columnWidths, layoutRows } from './tableLayout.ts';

export const TableView = memo(function TableView({ table }: { table: Table }) {
  const columns = columnCount(table);
  const rows = layoutRows(table.rows, columns);
  const widths = columnWidths(rows, table.header, columns);
  const headerSpan = columns - table.header.length + 1;
  return (
    <div className="table-scroll">
      <table className="doc-grid">
        <colgroup>
          {widths.map((w, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
            <col key={i} style={{ width: `${w}%` }} />
          ))}
        </colgroup>
        {table.header.length > 0 && (
          <thead>
            <tr>
              {table.header.map((h, i) => (
                <th
                  // biome-ignore lint/suspicious/noArrayIndexKey: header cells have no identity but their position
                  key={i}
                  scope="col"
                  colSpan={i === table.header.length - 1 && headerSpan > 1 ? headerSpan : undefined}
                >
                  {h}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and never reordered
            <tr key={r}>
              {row.map((cell, c) =>
                cell ? (
                  <td
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                    key={c}
                    rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
                    colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
                    className={cell.pad ? 'pad' : undefined}
                  >
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
