// The visual designer of one app (/designer/:appId/<tab>?focus=<JSON pointer>).
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes, useLocation, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { ErrorNotice } from "../shared/ErrorNotice.jsx";
import { useLanguage } from "../shared/language.js";
import { AppSettingsTab } from "./app/AppSettingsTab.jsx";
import { DesignerHeader } from "./DesignerHeader.jsx";
import { DesignerTabs } from "./DesignerTabs.jsx";
import { EntitiesTab } from "./entities/EntitiesTab.jsx";
import { FormsTab } from "./forms/FormsTab.jsx";
import { FlowsTab } from "./flows/FlowsTab.jsx";
import { DesignerContext } from "./model/DesignerContext.jsx";
import { useDraft } from "./model/useDraft.js";
import { useLeaveGuard } from "./model/useLeaveGuard.js";
import { PermissionsTab } from "./permissions/PermissionsTab.jsx";
import { placeOf } from "./problems/places.js";
import { ProblemsPanel } from "./problems/ProblemsPanel.jsx";
import { useFocusHighlight } from "./problems/useFocusHighlight.js";
import { RulesTab } from "./rules/RulesTab.jsx";
import { ViewAsTab } from "./viewas/ViewAsTab.jsx";
import { ViewsTab } from "./views/ViewsTab.jsx";
import "./designer.css";

export default function DesignerPage() {
  const { appId } = useParams();
  const { t } = useTranslation("designer");
  const [language] = useLanguage();
  const draft = useDraft(appId);
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const focus = params.get("focus") ?? "";

  const goTo = useCallback(
    (path) => {
      const { tab } = placeOf(path);
      navigate(`/designer/${appId}/${tab}?focus=${encodeURIComponent(path)}`);
    },
    [appId, navigate],
  );
  useFocusHighlight(focus, location.pathname, draft.status);
  useLeaveGuard(draft.dirty, appId, t("leave.question"));

  const context = useMemo(
    () => ({
      appId,
      definition: draft.definition,
      update: draft.update,
      problems: draft.problems,
      focus,
      goTo,
      language,
    }),
    [appId, draft.definition, draft.update, draft.problems, focus, goTo, language],
  );

  if (draft.status === "loading") return <p className="page-status">{t("loading")}</p>;
  if (draft.status === "failed") return <ErrorNotice error={draft.error} />;

  return (
    <DesignerContext.Provider value={context}>
      <div className="designer">
        <DesignerHeader draft={draft} />
        <DesignerTabs />
        <div className="designer-body">
          <div className="designer-main">
            <Routes>
              <Route index element={<Navigate to={`/designer/${appId}/entities`} replace />} />
              <Route path="app" element={<AppSettingsTab />} />
              <Route path="entities" element={<EntitiesTab />} />
              <Route path="forms" element={<FormsTab />} />
              <Route path="flows" element={<FlowsTab />} />
              <Route path="views" element={<ViewsTab />} />
              <Route path="rules" element={<RulesTab />} />
              <Route path="permissions" element={<PermissionsTab />} />
              <Route path="view-as" element={<ViewAsTab />} />
              <Route path="*" element={<Navigate to={`/designer/${appId}/entities`} replace />} />
            </Routes>
          </div>
          <ProblemsPanel />
        </div>
      </div>
    </DesignerContext.Provider>
  );
}
