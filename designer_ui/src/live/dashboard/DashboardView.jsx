// A dashboard: KPI tiles, charts (Apache ECharts) and table widgets. Live: each widget refetches itself (coalesced)
// when records of its entity change; the whole dashboard on ready, reset and a new version.
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useLiveApp } from "../app/LiveAppContext.jsx";
import { apiPaths } from "../data/paths.js";
import { useLiveResource } from "../data/useLiveResource.js";
import { ViewHeading } from "../views/ViewHeading.jsx";
import { ChartWidget } from "./ChartWidget.jsx";
import { CHART_KINDS } from "./chartOptions.js";
import { KpiTile } from "./KpiTile.jsx";
import { TableWidget } from "./TableWidget.jsx";

const WHOLE_DASHBOARD_EVENTS = new Set(["ready", "reset", "version"]);

export function DashboardView({ view }) {
  const { t } = useTranslation("live");
  const { appId } = useLiveApp();
  const { data, error, loading, refreshing } = useLiveResource(apiPaths.view(appId, view.id), {
    refetchWhen: (event) => WHOLE_DASHBOARD_EVENTS.has(event.type),
  });
  return (
    <div className="dashboard-view" data-testid={`view-${view.id}`}>
      <ViewHeading view={view} busy={refreshing} />
      <ErrorNotice error={error} />
      {loading && !data && <p className="page-status">{t("loading")}</p>}
      {data && (
        <div className="widget-grid">
          {data.widgets.map((widget) => (
            <LiveWidget key={widget.id} viewId={view.id} widget={widget} />
          ))}
        </div>
      )}
    </div>
  );
}

/** One widget, kept current by its own refetches; a reloaded dashboard hands it its new data. */
function LiveWidget({ viewId, widget: given }) {
  const { appId } = useLiveApp();
  const { data: widget, refreshing, setData } = useLiveResource(apiPaths.widget(appId, viewId, given.id), {
    initialData: given,
    refetchWhen: (event) => event.type === "record" && event.entity === given.entity,
  });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setData(given);
  }, [given, setData]);
  const wide = widget.kind === "table" || widget.kind === "line" || widget.kind === "bar";
  return (
    <article
      className={`widget widget-${widget.kind}${wide ? " widget-wide" : ""}`}
      data-testid={`widget-${widget.id}`}
      aria-busy={refreshing}
    >
      <WidgetBody widget={widget} />
    </article>
  );
}

function WidgetBody({ widget }) {
  const [language] = useLanguage();
  const title = <h3>{labelText(widget.label, language, widget.id)}</h3>;
  if (widget.error)
    return (
      <>
        {title}
        <ErrorNotice error={{ message: widget.error.message, text: (lang) => splitMessage(widget.error.message, lang) }} />
      </>
    );
  if (widget.kind === "kpi") return <KpiTile widget={widget} title={title} />;
  if (CHART_KINDS.has(widget.kind)) return <ChartWidget widget={widget} title={title} />;
  if (widget.kind === "table") return <TableWidget widget={widget} title={title} />;
  return title;
}

function splitMessage(message, language) {
  const parts = String(message).split(" / ");
  return parts.length === 2 ? parts[language === "zh" ? 1 : 0] : String(message);
}
