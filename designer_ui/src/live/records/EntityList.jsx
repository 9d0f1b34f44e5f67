// /apps/<app>/records/<entity>: the records of an entity that has no table view (customers, follow-ups…), searchable
// and paged, with columns read from its form.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router-dom";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useApi } from "../../shared/useApi.js";
import { useEntity, useFormatContext, useLiveApp, useRefTitles } from "../app/LiveAppContext.jsx";
import { apiPaths } from "../data/paths.js";
import { useLiveResource } from "../data/useLiveResource.js";
import { columnsFromForm } from "./formColumns.js";
import { NewRecordLink } from "./NewRecordLink.jsx";
import { RecordRows } from "./RecordRows.jsx";

const PAGE_SIZE = 50;
const SHOWN_COLUMNS = 6;

export function EntityList() {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { appId } = useLiveApp();
  const { entityId } = useParams();
  return <EntityRecords key={entityId} entityId={entityId} appId={appId} t={t} language={language} />;
}

function EntityRecords({ entityId, appId, t, language }) {
  const entity = useEntity(entityId);
  const format = useFormatContext();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") || undefined;
  const page = Number(params.get("page")) || 1;
  const [search, setSearch] = useState(q ?? "");
  const form = useApi(apiPaths.form(appId, entityId, language));
  const { data, error, loading } = useLiveResource(
    apiPaths.records(appId, entityId, { q, page: page > 1 ? page : undefined, page_size: PAGE_SIZE, sort: "-id" }),
    { entities: [entityId] },
  );
  const columns = form.data ? columnsFromForm(form.data).slice(0, SHOWN_COLUMNS) : [];
  useRefTitles(columns, data?.items);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;
  const linkColumn = columns.find((column) => column.id === entity?.title_field)?.id ?? columns[0]?.id;
  const go = (updates) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(updates)) {
      if (value === undefined || value === "" || value === 1) next.delete(name);
      else next.set(name, String(value));
    }
    setParams(next);
  };
  if (!entity) return <p className="page-status">{t("viewNotFound")}</p>;
  return (
    <div className="table-view" data-testid={`entity-${entityId}`}>
      <div className="view-heading">
        <h2>{labelText(entity.label, language, entity.id)}</h2>
        <div className="view-tools">
          <NewRecordLink entityId={entityId} />
        </div>
      </div>
      <form
        role="search"
        className="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          go({ q: search.trim(), page: 1 });
        }}
      >
        <input
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t("table.searchPlaceholder")}
          aria-label={t("table.search")}
        />
        <button type="submit">{t("table.search")}</button>
      </form>
      <ErrorNotice error={error ?? form.error} />
      {loading && !data && <p className="page-status">{t("loading")}</p>}
      {data && columns.length > 0 && (
        <div className="table-scroll">
          <table className="records-table" data-testid="records-table">
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
              rows={data.items}
              columns={columns}
              linkColumn={linkColumn}
              appId={appId}
              entityId={entityId}
              format={format}
              rowTestIds
            />
          </table>
        </div>
      )}
      {data && data.items.length === 0 && <p className="muted">{t("table.empty")}</p>}
      {data && (
        <div className="pager">
          <button type="button" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
            {t("table.previous")}
          </button>
          <span>{t("table.pageOf", { page: data.page, pages, total: data.total })}</span>
          <button type="button" disabled={page >= pages} onClick={() => go({ page: page + 1 })}>
            {t("table.next")}
          </button>
        </div>
      )}
    </div>
  );
}
