// /apps/<app>/views/<view>: the view of its kind (a detail view needs a record: it lists its entity's records).
import { useTranslation } from "react-i18next";
import { Navigate, useParams } from "react-router-dom";
import { useLiveApp } from "../app/LiveAppContext.jsx";
import { DashboardView } from "../dashboard/DashboardView.jsx";
import { pagePaths } from "../data/paths.js";
import { CalendarView } from "./CalendarView.jsx";
import { KanbanView } from "./KanbanView.jsx";
import { TableView } from "./TableView.jsx";

const VIEWS = { table: TableView, kanban: KanbanView, calendar: CalendarView, dashboard: DashboardView };

export function ViewPage() {
  const { viewId } = useParams();
  const { t } = useTranslation("live");
  const { appId, navigation } = useLiveApp();
  const view = navigation.views.find((item) => item.id === viewId);
  if (!view) return <p className="page-status">{t("viewNotFound")}</p>;
  if (view.kind === "detail") return <Navigate to={pagePaths.entity(appId, view.entity)} replace />;
  const Kind = VIEWS[view.kind];
  if (!Kind) return <p className="page-status">{t("viewNotFound")}</p>;
  return <Kind key={view.id} view={view} />;
}
