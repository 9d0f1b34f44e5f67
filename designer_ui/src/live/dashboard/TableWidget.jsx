// A table widget: the first rows of its entity in the widget's sort, each linking to its record.
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useEntity, useFormatContext, useLiveApp, useRefTitles } from "../app/LiveAppContext.jsx";
import { pagePaths } from "../data/paths.js";
import { CellValue } from "../format/CellValue.jsx";
import { formatValue } from "../format/values.js";

export function TableWidget({ widget, title }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { appId } = useLiveApp();
  const entity = useEntity(widget.entity);
  const format = useFormatContext();
  const columns = widget.columns ?? [];
  const items = widget.items ?? [];
  useRefTitles(columns, items);
  const linkColumn = columns.find((column) => column.id === entity?.title_field)?.id ?? columns[0]?.id;
  return (
    <>
      {title}
      {items.length === 0 ? (
        <p className="muted">{t("dashboard.noData")}</p>
      ) : (
        <div className="table-scroll">
          <table className="records-table compact">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.id} scope="col">
                    {labelText(column.label, language, column.id)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr key={row.id}>
                  {columns.map((column) => (
                    <td key={column.id} className={`cell-${column.type}`}>
                      {column.id === linkColumn ? (
                        <Link to={pagePaths.record(appId, widget.entity, row.id)}>
                          {row[column.id] === null || row[column.id] === undefined
                            ? `#${row.id}`
                            : formatValue(row[column.id], column, format)}
                        </Link>
                      ) : (
                        <CellValue column={column} value={row[column.id]} format={format} />
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
