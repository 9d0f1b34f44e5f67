// The heading of a view: its label and description in the chosen language, and the tools beside it.
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";

export function ViewHeading({ view, children, busy = false }) {
  const [language] = useLanguage();
  return (
    <div className="view-heading">
      <div>
        <h2 aria-busy={busy}>{labelText(view.label, language, view.id)}</h2>
        {view.description && <p className="muted">{labelText(view.description, language)}</p>}
      </div>
      {children && <div className="view-tools">{children}</div>}
    </div>
  );
}
