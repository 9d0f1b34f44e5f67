// The live app (/apps/:appId/*): navigation from GET /api/apps/<app>/views, the views, record pages and forms, the
// approvals inbox; one event stream keeps everything shown current.
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Route, Routes, useParams } from "react-router-dom";
import { ErrorNotice } from "../shared/ErrorNotice.jsx";
import { AppHeader } from "./app/AppHeader.jsx";
import { LiveAppProvider, useLiveApp } from "./app/LiveAppContext.jsx";
import { InboxPage } from "./approvals/InboxPage.jsx";
import { pagePaths } from "./data/paths.js";
import { EntityList } from "./records/EntityList.jsx";
import { RecordPage } from "./records/RecordPage.jsx";
import { ViewPage } from "./views/ViewPage.jsx";
import "./live.css";

const RecordFormPage = lazy(() => import("./records/RecordFormPage.jsx"));

export default function LiveApp() {
  const { appId } = useParams();
  return (
    <LiveAppProvider key={appId} appId={appId}>
      <LiveShell />
    </LiveAppProvider>
  );
}

function LiveShell() {
  const { t } = useTranslation("live");
  const { navigation, navigationError, navigationLoading, streamState } = useLiveApp();
  if (navigationLoading) return <p className="page-status">{t("loading")}</p>;
  if (!navigation)
    return (
      <section className="live-app">
        <ErrorNotice error={navigationError} />
        <Link to="/">{t("backHome")}</Link>
      </section>
    );
  return (
    <section className="live-app" data-testid="live-app" data-stream={streamState}>
      <AppHeader />
      <div className="live-body">
        <Suspense fallback={<p className="page-status">{t("loading")}</p>}>
          <Routes>
            <Route index element={<FirstView />} />
            <Route path="views/:viewId" element={<ViewPage />} />
            <Route path="inbox" element={<InboxPage />} />
            <Route path="records/:entityId" element={<EntityList />} />
            <Route path="records/:entityId/new" element={<RecordFormPage mode="create" />} />
            <Route path="records/:entityId/:recordId" element={<RecordPage />} />
            <Route path="records/:entityId/:recordId/edit" element={<RecordFormPage mode="edit" />} />
            <Route path="*" element={<p className="page-status">{t("notFound")}</p>} />
          </Routes>
        </Suspense>
      </div>
      {navigationError && <ErrorNotice error={navigationError} />}
    </section>
  );
}

/** /apps/<app>: the first view the user may open, in the definition's order, else the inbox. */
function FirstView() {
  const { appId, navigation } = useLiveApp();
  const first = navigation.views.find((view) => view.kind !== "detail");
  return <Navigate to={first ? pagePaths.view(appId, first.id) : pagePaths.inbox(appId)} replace />;
}
