// /apps/<app>/records/<entity>/<id>: one record — its fields, approval, related records and timeline — from the
// entity's detail view when it has one, else from the record and its form; kept current by the event stream.
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useApi } from "../../shared/useApi.js";
import { ApprovalPanel } from "../approvals/ApprovalPanel.jsx";
import { useDetailView, useEntity, useFormatContext, useLiveApp, useRefTitles } from "../app/LiveAppContext.jsx";
import { apiPaths, pagePaths } from "../data/paths.js";
import { useLiveResource } from "../data/useLiveResource.js";
import { CellValue } from "../format/CellValue.jsx";
import { formatMoment, formatValue } from "../format/values.js";
import { columnsFromForm } from "./formColumns.js";
import { RelatedLists } from "./RelatedLists.jsx";
import { Timeline } from "./Timeline.jsx";

export function RecordPage() {
  const { entityId, recordId } = useParams();
  const detailView = useDetailView(entityId);
  if (detailView) return <DetailRecord key={`${entityId}/${recordId}`} view={detailView} entityId={entityId} recordId={recordId} />;
  return <PlainRecord key={`${entityId}/${recordId}`} entityId={entityId} recordId={recordId} />;
}

function DetailRecord({ view, entityId, recordId }) {
  const { appId } = useLiveApp();
  const { t } = useTranslation("live");
  const watched = useRef([entityId]); // the record's entity and its related lists' entities, once known
  const { data, error, loading, reload } = useLiveResource(apiPaths.detail(appId, view.id, recordId), {
    refetchWhen: (event) => event.type !== "record" || watched.current.includes(event.entity),
  });
  watched.current = [entityId, ...(data?.view?.related?.map((item) => item.entity) ?? [])];
  if (loading && !data) return <p className="page-status">{t("loading")}</p>;
  if (!data) return <ErrorNotice error={error} />;
  return (
    <RecordLayout
      entityId={entityId}
      record={data.record}
      columns={data.view.fields}
      titleField={data.view.title_field}
      error={error}
      onChanged={reload}
      related={<RelatedLists view={data.view} related={data.related} recordId={data.record.id} />}
      timeline={data.view.timeline ? <Timeline items={data.timeline} columns={data.view.fields} /> : null}
    />
  );
}

function PlainRecord({ entityId, recordId }) {
  const { appId } = useLiveApp();
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const entity = useEntity(entityId);
  const { data: record, error, loading, reload } = useLiveResource(apiPaths.record(appId, entityId, recordId), {
    entities: [entityId],
  });
  const history = useLiveResource(apiPaths.history(appId, entityId, recordId), { entities: [entityId] });
  const form = useApi(apiPaths.form(appId, entityId, language));
  const columns = form.data ? columnsFromForm(form.data) : [];
  if (loading && !record) return <p className="page-status">{t("loading")}</p>;
  if (!record) return <ErrorNotice error={error} />;
  const timelineItems = (history.data?.items ?? []).map((item) => ({ kind: "change", ...item }));
  return (
    <RecordLayout
      entityId={entityId}
      record={record}
      columns={columns}
      titleField={entity?.title_field}
      error={error}
      onChanged={reload}
      showApprovalTimeline
      timeline={<Timeline items={timelineItems} columns={columns} />}
    />
  );
}

function RecordLayout({ entityId, record, columns, titleField, error, onChanged, related, timeline, showApprovalTimeline }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { appId, readOnly, navigation } = useLiveApp();
  const entity = useEntity(entityId);
  const format = useFormatContext();
  useRefTitles(columns, [record]);
  const title = titleField && record[titleField] ? String(record[titleField]) : `#${record.id}`;
  const locked = record.workflow_state === "in_approval"; // the server refuses changes until it is decided
  const mayEdit = Boolean(entity?.may?.update) && !readOnly && !locked;
  const stateColumn = { id: "workflow_state", type: "choice" };
  return (
    <article className="record-page" data-testid="record-page" data-record-id={record.id}>
      <p className="breadcrumb">
        <Link to={pagePaths.entity(appId, entityId)}>{labelText(entity?.label, language, entityId)}</Link> / #{record.id}
      </p>
      <div className="view-heading">
        <div>
          <h2 data-testid="record-title">{title}</h2>
          <p className="muted record-meta">
            <span className={`badge state-${record.workflow_state}`} data-testid="record-state">
              {formatValue(record.workflow_state, stateColumn, format)}
            </span>
            {record.owner && <> · {t("record.owner", { owner: record.owner })}</>}
            {record.updated_at && (
              <> · {t("record.updated", { when: formatMoment(record.updated_at, language, navigation.app.timezone) })}</>
            )}
          </p>
        </div>
        <div className="view-tools">
          {mayEdit && (
            <Link className="button" to={pagePaths.editRecord(appId, entityId, record.id)} data-testid="edit-record">
              {t("record.edit")}
            </Link>
          )}
        </div>
      </div>
      {locked && <p className="notice">{t("record.lockedNotice")}</p>}
      <ErrorNotice error={error} />
      <dl className="record-fields">
        {columns.map((column) => (
          <div key={column.id} data-testid={`field-${column.id}`}>
            <dt>{labelText(column.label, language, column.id)}</dt>
            <dd>
              {column.id in record ? (
                <CellValue column={column} value={record[column.id]} format={format} />
              ) : (
                <span className="muted" title={t("record.hiddenHint")}>
                  {t("record.hidden")}
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <ApprovalPanel
        entityId={entityId}
        recordId={record.id}
        record={record}
        onChanged={onChanged}
        showTimeline={showApprovalTimeline}
      />
      {related}
      {timeline && (
        <section className="record-timeline" aria-label={t("timeline.title")}>
          <h3>{t("timeline.title")}</h3>
          {timeline}
        </section>
      )}
    </article>
  );
}
