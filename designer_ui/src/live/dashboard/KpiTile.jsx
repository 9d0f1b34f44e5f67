// A KPI tile: the value, its change against the previous period, its attainment of the target.
import { useTranslation } from "react-i18next";
import { useLanguage } from "../../shared/language.js";
import { formatAggregate, formatChange, formatNumber } from "../format/values.js";

export function KpiTile({ widget, title }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const value = (number) => formatAggregate(number, widget.aggregate, language);
  const compared = "previous" in widget;
  const direction = widget.change > 0 ? "up" : widget.change < 0 ? "down" : "flat";
  return (
    <>
      {title}
      <p className="kpi-value" data-testid={`kpi-${widget.id}`}>
        {value(widget.value)}
      </p>
      {compared && (
        <p className={`kpi-change kpi-${direction}`} data-testid={`kpi-change-${widget.id}`}>
          <span aria-hidden="true">{{ up: "▲", down: "▼", flat: "■" }[direction]} </span>
          {formatChange(value(widget.change), widget.change)}
          {widget.change_percent !== null && widget.change_percent !== undefined && (
            <> ({formatChange(`${formatNumber(widget.change_percent, language, 1)}%`, widget.change_percent)})</>
          )}{" "}
          <span className="muted">
            {t(`kpi.versus.${widget.period?.period ?? "period"}`, { previous: value(widget.previous) })}
          </span>
        </p>
      )}
      {"target" in widget && (
        <div className="kpi-target">
          <p>
            {t("kpi.attainment", {
              percent: formatNumber(widget.attainment ?? 0, language, 1),
              target: value(widget.target),
            })}
          </p>
          <div
            className="attainment-bar"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.max(0, Math.min(100, widget.attainment ?? 0))}
            aria-label={t("kpi.attainmentLabel")}
          >
            <span style={{ width: `${Math.max(0, Math.min(100, widget.attainment ?? 0))}%` }} />
          </div>
        </div>
      )}
    </>
  );
}
