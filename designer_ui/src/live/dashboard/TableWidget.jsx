// A table widget: the first rows of its entity in the widget's sort, each linking to its record.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useEntity, useFormatContext, useLiveApp, useRefTitles } from "../app/LiveAppContext.jsx";
import { RecordRows } from "../records/RecordRows.jsx";

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
            <RecordRows
              rows={items}
              columns={columns}
              linkColumn={linkColumn}
              appId={appId}
              entityId={widget.entity}
              format={format}
            />
          </table>
        </div>
      )}
    </>
  );
}
