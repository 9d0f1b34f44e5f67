// A bar, line, pie or funnel widget drawn by Apache ECharts, with its groups also listed as text for screen readers.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../shared/EChart.jsx";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { formatAggregate } from "../format/values.js";
import { chartOption, groupName } from "./chartOptions.js";

export function ChartWidget({ widget, title }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const option = useMemo(
    () => chartOption(widget, { language, valueText: (value) => formatAggregate(value, widget.aggregate, language) }),
    [widget, language],
  );
  const groups = widget.groups ?? [];
  return (
    <>
      {title}
      {groups.length === 0 ? (
        <p className="muted">{t("dashboard.noData")}</p>
      ) : (
        <EChart option={option} height={260} label={labelText(widget.label, language, widget.id)} />
      )}
      <details className="chart-data">
        <summary>{t("dashboard.data")}</summary>
        <ul data-testid={`chart-data-${widget.id}`}>
          {groups.map((group, index) => (
            <li key={`${group.key}-${index}`}>
              {groupName(group, language)}: {formatAggregate(group.value, widget.aggregate, language)}
            </li>
          ))}
        </ul>
      </details>
      {widget.truncated && <p className="muted">{t("dashboard.truncated")}</p>}
    </>
  );
}
