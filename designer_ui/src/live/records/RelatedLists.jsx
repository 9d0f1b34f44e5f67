// The related lists of a detail view: the newest records of other entities pointing at this one.
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useEntity, useFormatContext, useLiveApp, useRefTitles } from "../app/LiveAppContext.jsx";
import { pagePaths, withQuery } from "../data/paths.js";
import { RecordRows } from "./RecordRows.jsx";

export function RelatedLists({ view, related, recordId }) {
  return (
    <>
      {view.related.map((header, index) => (
        <RelatedList key={`${header.entity}-${header.via}`} header={header} answer={related[index]} recordId={recordId} />
      ))}
    </>
  );
}

function RelatedList({ header, answer, recordId }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { appId, readOnly } = useLiveApp();
  const entity = useEntity(header.entity);
  const format = useFormatContext();
  const items = answer?.items ?? [];
  useRefTitles(header.columns, items);
  const linkColumn = header.columns.find((column) => column.id === entity?.title_field)?.id ?? header.columns[0]?.id;
  return (
    <section className="related-list" data-testid={`related-${header.entity}`}>
      <div className="view-heading">
        <h3>
          {labelText(header.label, language, header.entity)} {answer?.total !== undefined && <span className="badge">{answer.total}</span>}
        </h3>
        {entity?.may?.create && !readOnly && (
          <Link className="button" to={withQuery(pagePaths.newRecord(appId, header.entity), { [header.via]: recordId })}>
            {t("record.new", { entity: labelText(entity.label, language, entity.id) })}
          </Link>
        )}
      </div>
      {answer?.error ? (
        <p className="muted">{t("record.relatedUnreadable")}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t("record.noRelated")}</p>
      ) : (
        <div className="table-scroll">
          <table className="records-table compact">
            <thead>
              <tr>
                {header.columns.map((column) => (
                  <th key={column.id} scope="col">
                    {labelText(column.label, language, column.id)}
                  </th>
                ))}
              </tr>
            </thead>
            <RecordRows
              rows={items}
              columns={header.columns}
              linkColumn={linkColumn}
              appId={appId}
              entityId={header.entity}
              format={format}
            />
          </table>
        </div>
      )}
    </section>
  );
}
