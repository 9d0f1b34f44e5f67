// While "view as" is on, a banner says whose eyes the pages use, with a button to stop.
import { useTranslation } from "react-i18next";
import { useViewAs } from "./viewAs.jsx";

export function ViewAsBanner() {
  const { viewAs, stop } = useViewAs();
  const { t } = useTranslation();
  if (!viewAs) return null;
  return (
    <div className="view-as-banner" role="status" data-testid="view-as-banner">
      <span>{t("viewAs.banner", { who: viewAs })}</span>
      <button type="button" onClick={stop}>
        {t("viewAs.stop")}
      </button>
    </div>
  );
}
