// Views and dashboards: tables, kanbans, calendars, detail pages and dashboards of widgets.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { useDesigner } from "../model/DesignerContext.jsx";
import { freeId } from "../model/ids.js";
import { appendAt } from "../model/pointer.js";
import { useSelection } from "../problems/useSelection.js";
import { ProblemBadge } from "../problems/ProblemBadge.jsx";
import { ViewEditor } from "./ViewEditor.jsx";
import { newView, VIEW_KINDS } from "./viewModel.js";

export function ViewsTab() {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const views = definition.views ?? [];
  const [kind, setKind] = useState("table");
  const [chosen, setChosen] = useSelection("views");
  const index = Math.min(chosen, Math.max(views.length - 1, 0));
  const add = () => {
    const id = freeId(kind, views.map((view) => view.id));
    update((document) => appendAt(document, "/views", newView(kind, id, document)));
    setChosen(views.length);
  };
  return (
    <div className="tab-columns two">
      <nav className="item-list" aria-label={t("views.title")}>
        <h2>{t("views.title")}</h2>
        <ul>
          {views.map((view, position) => (
            <li key={`${view.id}-${position}`} data-path={`/views/${position}`}>
              <button type="button" className={position === index ? "selected" : ""} onClick={() => setChosen(position)}>
                {labelText(view.label, language, view.id)} <span className="muted">· {t(`viewKinds.${view.kind}`, { defaultValue: view.kind })}</span>{" "}
                <ProblemBadge path={`/views/${position}`} />
              </button>
            </li>
          ))}
        </ul>
        <div className="row-actions">
          <select value={kind} onChange={(event) => setKind(event.target.value)} aria-label={t("views.kind")}>
            {VIEW_KINDS.map((item) => (
              <option key={item} value={item}>
                {t(`viewKinds.${item}`)}
              </option>
            ))}
          </select>
          <button type="button" onClick={add} disabled={!definition.entities?.length}>
            {t("views.add")}
          </button>
        </div>
      </nav>
      {views[index] ? <ViewEditor key={index} index={index} /> : <p className="muted">{t("views.none")}</p>}
    </div>
  );
}
