import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { App } from "./App.jsx";
import { createI18n } from "./i18n/index.js";
import { SessionProvider } from "./shared/session.jsx";
import { ViewAsProvider } from "./shared/viewAs.jsx";
import "./styles.css";

const i18n = createI18n();
document.documentElement.lang = i18n.language === "zh" ? "zh-CN" : "en";

// A data router (one catch-all route; App's <Routes> draw the pages), so pages can hold navigation with useBlocker.
const router = createBrowserRouter([
  {
    path: "*",
    element: (
      <SessionProvider>
        <ViewAsProvider>
          <App />
        </ViewAsProvider>
      </SessionProvider>
    ),
  },
]);

createRoot(document.getElementById("root")).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <RouterProvider router={router} />
    </I18nextProvider>
  </StrictMode>,
);
