// A record's timeline, oldest first: its changes (field: before → after) and its approval steps with comments.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useFormatContext } from "../app/LiveAppContext.jsx";
import { formatMoment, formatValue } from "../format/values.js";

const SYSTEM_COLUMNS = {
  workflow_state: { id: "workflow_state", type: "choice", label: { zh: "审批状态", en: "Approval state" } },
  owner: { id: "owner", type: "user", label: { zh: "负责人", en: "Owner" } },
};

export function Timeline({ items, columns }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const format = useFormatContext();
  const byId = new Map([...Object.values(SYSTEM_COLUMNS), ...columns].map((column) => [column.id, column]));
  if (!items?.length) return <p className="muted">{t("timeline.empty")}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {items.map((item, index) => (
        <li key={`${item.kind}-${item.at}-${index}`} className={`timeline-${item.kind}`} data-action={item.action}>
          <p className="timeline-head">
            <strong>{item.actor}</strong>{" "}
            {item.kind === "approval"
              ? t(`timeline.approval.${item.action}`, { defaultValue: item.action })
              : t(`timeline.change.${item.action}`, { defaultValue: item.action })}
            {item.kind === "approval" && item.node && (
              <span className="muted"> · {labelText(item.node_label, language, item.node)}</span>
            )}
            <span className="muted"> · {formatMoment(item.at, language, format.timeZone)}</span>
          </p>
          {item.comment && <blockquote className="timeline-comment">{item.comment}</blockquote>}
          {item.kind === "change" && item.action !== "create" && item.changes && (
            <ul className="timeline-changes">
              {Object.entries(item.changes).map(([field, change]) => {
                const column = byId.get(field) ?? { id: field, type: "text" };
                const [before, after] = Array.isArray(change) ? change : [undefined, change];
                return (
                  <li key={field}>
                    {labelText(column.label, language, field)}: {formatValue(before, column, format)} →{" "}
                    {formatValue(after, column, format)}
                  </li>
                );
              })}
            </ul>
          )}
          {item.kind === "approval" && item.details?.approvers && (
            <p className="muted">{t("timeline.approvers", { names: item.details.approvers.join(", ") })}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
