// Render a component the way the app does: with i18n (in a language) and, for designer parts, the designer context.
import { render } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { MemoryRouter } from "react-router-dom";
import { DesignerContext } from "../designer/model/DesignerContext.jsx";
import { createI18n } from "../i18n/index.js";

export function renderWithApp(ui, { language = "en", designer = null } = {}) {
  const i18n = createI18n(language);
  const wrapped = designer ? <DesignerContext.Provider value={{ language, focus: "", ...designer }}>{ui}</DesignerContext.Provider> : ui;
  return render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>{wrapped}</MemoryRouter>
    </I18nextProvider>,
  );
}
