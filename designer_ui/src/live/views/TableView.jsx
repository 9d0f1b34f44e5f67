// A table view: columns, sort by clicking headers, saved filters, free-text search, pages, CSV/XLSX export; the
// query lives in the page's address so a reload or a shared link shows the same rows.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useFormatContext, useEntity, useLiveApp, useRefTitles } from "../app/LiveAppContext.jsx";
import { apiPaths } from "../data/paths.js";
import { useLiveResource } from "../data/useLiveResource.js";
import { NewRecordLink } from "../records/NewRecordLink.jsx";
import { ariaSort, nextSort, sortable } from "./tableSort.js";
import { ViewHeading } from "./ViewHeading.jsx";
import { RecordRows } from "../records/RecordRows.jsx";

export function TableView({ view }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { appId, readOnly, viewAs } = useLiveApp();
  const entity = useEntity(view.entity);
  const format = useFormatContext();
  const [params, setParams] = useSearchParams();
  const query = {
    q: params.get("q") || undefined,
    sort: params.get("sort") || undefined,
    saved: params.get("saved") || undefined,
    page: params.get("page") || undefined,
  };
  const { data, error, loading, refreshing } = useLiveResource(apiPaths.view(appId, view.id, query), {
    entities: [view.entity],
  });
  useRefTitles(data?.view?.columns, data?.items);
  const [search, setSearch] = useState(query.q ?? "");

  const change = (updates) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(updates)) {
      if (value === undefined || value === null || value === "") next.delete(name);
      else next.set(name, String(value));
    }
    setParams(next);
  };
  const columns = data?.view?.columns ?? [];
  const currentSort = query.sort ?? data?.view?.sort;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;
  // a download link cannot send the X-View-As header: viewing as someone, the file is theirs through ?view_as
  const exportParameters = { q: query.q, sort: query.sort, saved: query.saved, lang: language, view_as: viewAs || undefined };
  const titleField = entity?.title_field;
  const linkColumn = columns.find((column) => column.id === titleField)?.id ?? columns[0]?.id;

  return (
    <div className="table-view" data-testid={`view-${view.id}`}>
      <ViewHeading view={view} busy={refreshing}>
        <NewRecordLink entityId={view.entity} />
      </ViewHeading>
      <div className="table-toolbar">
        <form
          role="search"
          className="search-form"
          onSubmit={(event) => {
            event.preventDefault();
            change({ q: search.trim(), page: undefined });
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
        {data?.view?.saved_filters?.length > 0 && (
          <label className="inline">
            <span>{t("table.savedFilter")}</span>
            <select
              value={query.saved ?? ""}
              onChange={(event) => change({ saved: event.target.value, page: undefined })}
              data-testid="saved-filter"
            >
              <option value="">{t("table.allRecords")}</option>
              {data.view.saved_filters.map((saved) => (
                <option key={saved.id} value={saved.id}>
                  {labelText(saved.label, language, saved.id)}
                </option>
              ))}
            </select>
          </label>
        )}
        {!readOnly && (
          <span className="export-links">
            {t("table.export")}{" "}
            <a href={apiPaths.export(appId, view.id, { ...exportParameters, format: "csv" })} download data-testid="export-csv">
              CSV
            </a>{" "}
            <a href={apiPaths.export(appId, view.id, { ...exportParameters, format: "xlsx" })} download data-testid="export-xlsx">
              XLSX
            </a>
          </span>
        )}
      </div>
      <ErrorNotice error={error} />
      {loading && !data && <p className="page-status">{t("loading")}</p>}
      {data && (
        <>
          <div className="table-scroll">
            <table className="records-table" data-testid="records-table">
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column.id} scope="col" aria-sort={ariaSort(currentSort, column.id)}>
                      {sortable(column) ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={() => change({ sort: nextSort(currentSort, column.id), page: undefined })}
                        >
                          {labelText(column.label, language, column.id)}
                          <span aria-hidden="true">{sortMark(ariaSort(currentSort, column.id))}</span>
                        </button>
                      ) : (
                        labelText(column.label, language, column.id)
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <RecordRows
                rows={data.items}
                columns={columns}
                linkColumn={linkColumn}
                appId={appId}
                entityId={view.entity}
                format={format}
                rowTestIds
              />
            </table>
          </div>
          {data.items.length === 0 && <p className="muted">{t("table.empty")}</p>}
          <div className="pager">
            <button type="button" disabled={data.page <= 1} onClick={() => change({ page: data.page - 1 })}>
              {t("table.previous")}
            </button>
            <span data-testid="table-total">{t("table.pageOf", { page: data.page, pages, total: data.total })}</span>
            <button type="button" disabled={data.page >= pages} onClick={() => change({ page: data.page + 1 })}>
              {t("table.next")}
            </button>
          </div>
        </>
      )}
    </div>
  );
}


function sortMark(direction) {
  if (direction === "ascending") return " ▲";
  if (direction === "descending") return " ▼";
  return "";
}
