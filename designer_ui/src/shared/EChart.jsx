// A tiny wrapper around Apache ECharts: give it an option object; it renders, resizes and cleans up.
import { useEffect, useRef } from "react";

export function EChart({ option, height = 280, label }) {
  const element = useRef(null);
  const chart = useRef(null);
  useEffect(() => {
    let disposed = false;
    let observer;
    import("echarts").then((echarts) => {
      if (disposed || !element.current) return;
      chart.current = echarts.init(element.current, null, { renderer: "svg" });
      chart.current.setOption(option ?? {}, true);
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(element.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once; option changes go through setOption below
  }, []);
  useEffect(() => {
    chart.current?.setOption(option ?? {}, true);
  }, [option]);
  return <div ref={element} className="echart" role="img" aria-label={label} style={{ height }} />;
}
