// "View as" a role or user: administrators and IT reviewers read the published app exactly as that person would.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { labelText } from "../../shared/labels.js";
import { useSession } from "../../shared/session.jsx";
import { useViewAs } from "../../shared/viewAs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { ViewAsPreview } from "./ViewAsPreview.jsx";

export function ViewAsTab() {
  const { t } = useTranslation("designer");
  const { user } = useSession();
  const { appId, definition, language } = useDesigner();
  const { start } = useViewAs();
  const navigate = useNavigate();
  const [kind, setKind] = useState("role");
  const [role, setRole] = useState(definition.roles?.[0]?.id ?? "");
  const [username, setUsername] = useState("");
  const [shown, setShown] = useState(null);
  if (!user?.is_admin && !user?.is_reviewer) return <p className="muted">{t("viewAs.onlyReviewers")}</p>;
  const who = kind === "role" ? `role:${role}` : `user:${username.trim()}`;
  const ready = kind === "role" ? Boolean(role) : Boolean(username.trim());
  return (
    <section className="editor-column wide">
      <h2>{t("viewAs.title")}</h2>
      <p className="muted">{t("viewAs.intro")}</p>
      <div className="editor-grid">
        <label>
          {t("viewAs.kind")}
          <select value={kind} onChange={(event) => setKind(event.target.value)} data-testid="view-as-kind">
            <option value="role">{t("viewAs.role")}</option>
            <option value="user">{t("viewAs.user")}</option>
          </select>
        </label>
        {kind === "role" ? (
          <label>
            {t("viewAs.role")}
            <select value={role} onChange={(event) => setRole(event.target.value)} data-testid="view-as-role">
              {(definition.roles ?? []).map((item) => (
                <option key={item.id} value={item.id}>
                  {labelText(item.label, language, item.id)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            {t("viewAs.user")}
            <input value={username} onChange={(event) => setUsername(event.target.value)} placeholder="chen.jie" data-testid="view-as-user" />
          </label>
        )}
      </div>
      <div className="row-actions">
        <button type="button" disabled={!ready} onClick={() => setShown(who)} data-testid="view-as-preview">
          {t("viewAs.preview")}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!ready}
          onClick={() => {
            start(who);
            navigate(`/apps/${appId}`);
          }}
        >
          {t("viewAs.open")}
        </button>
      </div>
      {shown && <ViewAsPreview key={shown} who={shown} />}
    </section>
  );
}
