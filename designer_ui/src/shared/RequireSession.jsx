// Pages behind sign-in: while nobody is signed in, go to /login and come back afterwards.
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router-dom";
import { useSession } from "./session.jsx";

export function RequireSession({ children }) {
  const { status } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === "loading") return <p className="page-status">{t("loading")}</p>;
  if (status === "signed_out") {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
