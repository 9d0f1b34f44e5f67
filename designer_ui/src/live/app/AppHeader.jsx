// The live app's header: its name, whether live updates are on, and its navigation (views, record lists, inbox).
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { pagePaths } from "../data/paths.js";
import { useLiveApp } from "./LiveAppContext.jsx";

const KIND_MARKS = { table: "▤", kanban: "▥", calendar: "▦", dashboard: "◔" };

export function AppHeader() {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { appId, navigation, streamState } = useLiveApp();
  const views = navigation.views.filter((view) => view.kind !== "detail");
  const tabled = new Set(views.filter((view) => view.kind === "table").map((view) => view.entity));
  const lists = navigation.entities.filter((entity) => entity.may.read && !tabled.has(entity.id));
  return (
    <header className="live-header">
      <div className="live-title">
        <h1>{labelText(navigation.app.label, language, navigation.app.id)}</h1>
        <span className={`live-status live-status-${streamState}`} data-testid="live-status" data-state={streamState}>
          {t(streamState === "live" ? "stream.live" : "stream.connecting")}
        </span>
      </div>
      <nav className="live-nav" aria-label={t("nav.label")} data-testid="live-nav">
        {views.map((view) => (
          <NavLink key={view.id} to={pagePaths.view(appId, view.id)} data-testid={`nav-view-${view.id}`}>
            <span aria-hidden="true">{KIND_MARKS[view.kind] ?? "•"} </span>
            {labelText(view.label, language, view.id)}
          </NavLink>
        ))}
        {lists.map((entity) => (
          <NavLink key={entity.id} to={pagePaths.entity(appId, entity.id)} end data-testid={`nav-entity-${entity.id}`}>
            {labelText(entity.label, language, entity.id)}
          </NavLink>
        ))}
        <NavLink to={pagePaths.inbox(appId)} data-testid="nav-inbox">
          {t("nav.inbox")}
        </NavLink>
      </nav>
    </header>
  );
}
