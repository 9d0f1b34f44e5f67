// ECharts options of dashboard widgets (bar, line, pie, funnel) from the API's groups: names in the chosen language,
// values in the aggregate's units. Tooltips render as chart text (richText), never as HTML.
import { labelText } from "../../shared/labels.js";
import { locale } from "../format/values.js";

export const CHART_KINDS = new Set(["bar", "line", "pie", "funnel"]);

/** The name of a group: its label in the language, else its key ("(empty)" for none). */
export function groupName(group, language) {
  const fallback = group.key === null || group.key === undefined ? "—" : String(group.key);
  return labelText(group.label, language, fallback);
}

/** A short axis number: 1.2M, 120万. */
export function compactNumber(value, language) {
  return new Intl.NumberFormat(locale(language), { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/** The option of a chart widget; `valueText(value)` writes a value in the widget's units. */
export function chartOption(widget, { language, valueText }) {
  const groups = widget.groups ?? [];
  const names = groups.map((group) => groupName(group, language));
  const values = groups.map((group) => group.value ?? 0);
  const base = {
    animation: false,
    // ECharts' own description is English only: the chart is named by its label, its figures are listed beside it
    aria: { enabled: true, label: { description: labelText(widget.label, language, widget.id) } },
    tooltip: { trigger: "item", renderMode: "richText", valueFormatter: (value) => valueText(value) },
  };
  if (widget.kind === "bar" || widget.kind === "line") {
    return {
      ...base,
      tooltip: { ...base.tooltip, trigger: "axis" },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: names,
        axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0, width: 96, overflow: "truncate" },
      },
      yAxis: { type: "value", axisLabel: { formatter: (value) => compactNumber(value, language) } },
      series: [{ type: widget.kind, data: values, name: labelText(widget.label, language, widget.id) }],
    };
  }
  const data = names.map((name, index) => ({ name, value: values[index] }));
  if (widget.kind === "pie") {
    return {
      ...base,
      legend: { type: "scroll", bottom: 0 },
      series: [{ type: "pie", radius: ["30%", "58%"], center: ["50%", "45%"], data, label: { show: false } }],
    };
  }
  return {
    ...base,
    series: [
      {
        type: "funnel",
        sort: "none", // the options' order: the stages of the pipeline
        left: "10%",
        width: "80%",
        minSize: "10%",
        data,
        label: { position: "inside", formatter: "{b}" },
      },
    ],
  };
}
