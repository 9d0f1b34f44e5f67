// The page frame: a top bar (app name, notifications bell slot, language switch, user menu) above the page.
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router-dom";
import { NotificationsBell } from "../live/NotificationsBell.jsx";
import { LanguageSwitch } from "./LanguageSwitch.jsx";
import { UserMenu } from "./UserMenu.jsx";
import { ViewAsBanner } from "./ViewAsBanner.jsx";

export function Layout() {
  const { t } = useTranslation();
  return (
    <div className="layout">
      <header className="top-bar">
        <Link to="/" className="brand">
          Dabble
        </Link>
        <span className="top-bar-title">{t("tagline")}</span>
        <div className="top-bar-tools">
          <NotificationsBell />
          <LanguageSwitch />
          <UserMenu />
        </div>
      </header>
      <ViewAsBanner />
      <main className="page">
        <Outlet />
      </main>
    </div>
  );
}
