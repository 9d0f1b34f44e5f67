import { describe, expect, it } from "vitest";
import { chartOption, compactNumber, groupName } from "./chartOptions.js";

const widget = (kind) => ({
  id: "w",
  kind,
  label: { zh: "合同", en: "Contracts" },
  groups: [
    { key: "drafting", label: { zh: "起草", en: "Drafting" }, value: 2 },
    { key: "signed", label: { zh: "已签约", en: "Signed" }, value: 9 },
    { key: null, label: null, value: 1 },
  ],
});
const valueText = (value) => `¥${value}`;

describe("chart options", () => {
  it("draws bars and lines on the groups in order, named in the language", () => {
    for (const kind of ["bar", "line"]) {
      const option = chartOption(widget(kind), { language: "zh", valueText });
      expect(option.xAxis.data).toEqual(["起草", "已签约", "—"]);
      expect(option.series[0]).toMatchObject({ type: kind, data: [2, 9, 1] });
    }
  });
  it("keeps a funnel in the options' order and a pie with named slices", () => {
    const funnel = chartOption(widget("funnel"), { language: "en", valueText });
    expect(funnel.series[0].sort).toBe("none");
    expect(funnel.series[0].data.map((item) => item.name)).toEqual(["Drafting", "Signed", "—"]);
    const pie = chartOption(widget("pie"), { language: "en", valueText });
    expect(pie.series[0].data[1]).toEqual({ name: "Signed", value: 9 });
  });
  it("describes the chart by its label in the language", () => {
    expect(chartOption(widget("bar"), { language: "zh", valueText }).aria.label.description).toBe("合同");
  });
  it("writes tooltip values in the widget's units and never as HTML", () => {
    const option = chartOption(widget("pie"), { language: "en", valueText });
    expect(option.tooltip.renderMode).toBe("richText");
    expect(option.tooltip.valueFormatter(5)).toBe("¥5");
  });
  it("names groups by key when they have no label, and keeps markup as text", () => {
    expect(groupName({ key: "2026-08-01", label: "2026-08" }, "en")).toBe("2026-08");
    expect(groupName({ key: "x", label: "<b>x</b>" }, "en")).toBe("<b>x</b>");
    expect(groupName({ key: 7 }, "en")).toBe("7");
  });
  it("writes axis numbers compactly", () => {
    expect(compactNumber(1_200_000, "en")).toBe("1.2M");
    expect(compactNumber(1_200_000, "zh")).toBe("120万");
  });
});
