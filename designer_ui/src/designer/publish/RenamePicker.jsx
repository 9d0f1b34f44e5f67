// Before publishing: say which archived field or record type is a new one under another id (its data moves along).
import { useTranslation } from "react-i18next";
import { archivedId, renameCandidates, withoutRename, withRename } from "./renames.js";

export function RenamePicker({ steps, renames, onChange }) {
  const { t } = useTranslation("designer");
  const pairs = renameCandidates(steps);
  const chosen = [
    ...Object.entries(renames.entities).map(([from, to]) => ["entities", from, from, to]),
    ...Object.entries(renames.fields).map(([key, to]) => ["fields", key, key, to]),
  ];
  if (pairs.length === 0 && chosen.length === 0) return null;
  return (
    <fieldset className="rename-picker" data-testid="rename-picker">
      <legend>{t("publish.renames")}</legend>
      {pairs.map(({ step, candidates }) => {
        const old = archivedId(step);
        return (
          <label key={old} className="inline">
            <code>{old}</code> {t("publish.isNow")}
            <select value="" onChange={(event) => event.target.value && onChange(withRename(renames, step, event.target.value))} data-testid={`rename-${old}`}>
              <option value="">{t("publish.notRenamed")}</option>
              {candidates.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {candidate}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      {chosen.map(([kind, key, from, to]) => (
        <p key={`${kind}-${key}`}>
          <code>{from}</code> → <code>{to}</code>{" "}
          <button type="button" className="link" onClick={() => onChange(withoutRename(renames, kind, key))}>
            {t("publish.undoRename")}
          </button>
        </p>
      ))}
    </fieldset>
  );
}
