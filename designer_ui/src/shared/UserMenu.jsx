// The signed-in user's name and a sign-out button.
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useSession } from "./session.jsx";

export function UserMenu() {
  const { user, signOut } = useSession();
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (!user) return null;
  const signOutAndLeave = async () => {
    await signOut();
    navigate("/login");
  };
  return (
    <details className="user-menu">
      <summary data-testid="user-menu">{user.display_name || user.username}</summary>
      <div className="user-menu-panel">
        <p className="muted">{user.username}</p>
        {user.is_admin && <p className="badge">{t("user.admin")}</p>}
        {user.is_reviewer && <p className="badge">{t("user.reviewer")}</p>}
        <button type="button" onClick={signOutAndLeave}>
          {t("user.signOut")}
        </button>
      </div>
    </details>
  );
}
