// The rows of a record table: one cell per column, the link column opening the record's page.
import { Link } from "react-router-dom";
import { pagePaths } from "../data/paths.js";
import { CellValue } from "../format/CellValue.jsx";
import { formatValue } from "../format/values.js";

export function RecordRows({ rows, columns, linkColumn, appId, entityId, format, rowTestIds = false }) {
  return (
    <tbody>
      {rows.map((row) => (
        <tr key={row.id} data-testid={rowTestIds ? `row-${row.id}` : undefined}>
          {columns.map((column) => (
            <td key={column.id} className={`cell-${column.type}`}>
              {column.id === linkColumn ? (
                <Link to={pagePaths.record(appId, entityId, row.id)}>{linkText(row, column, format)}</Link>
              ) : (
                <CellValue column={column} value={row[column.id]} format={format} />
              )}
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}

// What the link to a record says: its value in the link column, or #id when it has none (or it is hidden).
export function linkText(row, column, format) {
  const value = row[column.id];
  if (value === null || value === undefined || value === "") return `#${row.id}`;
  return formatValue(value, column, format);
}
