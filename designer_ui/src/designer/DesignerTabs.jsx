// The designer's sections, each with the number of problems found in it.
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { useDesigner } from "./model/DesignerContext.jsx";
import { placeOf } from "./problems/places.js";

export const TABS = ["app", "entities", "forms", "flows", "views", "rules", "permissions", "view-as"];

export function DesignerTabs() {
  const { t } = useTranslation("designer");
  const { problems, appId } = useDesigner();
  const counts = {};
  for (const problem of problems) {
    if (problem.severity === "warning") continue;
    const { tab } = placeOf(problem.path);
    counts[tab] = (counts[tab] ?? 0) + 1;
  }
  return (
    <nav className="designer-tabs" aria-label={t("tabs.label")}>
      {TABS.map((tab) => (
        <NavLink key={tab} to={`/designer/${appId}/${tab}`} data-testid={`tab-${tab}`}>
          {t(`tabs.${tab}`)}
          {counts[tab] > 0 && <span className="count-badge">{counts[tab]}</span>}
        </NavLink>
      ))}
    </nav>
  );
}
