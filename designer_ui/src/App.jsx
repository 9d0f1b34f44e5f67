// The routes: /login, / (apps and templates), /designer/:appId/* (the designer), /apps/:appId/* (live apps).
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router-dom";
import { LoginPage } from "./auth/LoginPage.jsx";
import { HomePage } from "./home/HomePage.jsx";
import { Layout } from "./shared/Layout.jsx";
import { NotFound } from "./shared/NotFound.jsx";
import { RequireSession } from "./shared/RequireSession.jsx";

const DesignerPage = lazy(() => import("./designer/DesignerPage.jsx"));
const LiveApp = lazy(() => import("./live/LiveApp.jsx"));

function Loading() {
  const { t } = useTranslation();
  return <p className="page-status">{t("loading")}</p>;
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireSession>
              <Layout />
            </RequireSession>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="designer/:appId/*" element={<DesignerPage />} />
          <Route path="apps/:appId/*" element={<LiveApp />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
