// An edge on the flow canvas: its condition or outcome as a label; a coverage gap or overlap shows the range it
// concerns, other problems their message. Red for errors, amber for warnings.
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from "@xyflow/react";
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";

export function FlowEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }) {
  const { t } = useTranslation("designer");
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const others = data.problems.filter((problem) => problem.code !== "flow.branch_gap" && problem.code !== "flow.branch_overlap");
  const color = data.severity === "error" ? "#c0392b" : data.severity === "warning" ? "#b7791f" : selected ? "#2f5bea" : "#7a8194";
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ stroke: color, strokeWidth: data.severity || selected ? 2.5 : 1.5 }} />
      <EdgeLabelRenderer>
        <div
          className={`flow-edge-label nodrag nopan ${data.severity ?? ""} ${selected ? "selected" : ""}`}
          role="button"
          tabIndex={0}
          onClick={data.select}
          onKeyDown={(event) => event.key === "Enter" && data.select()}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-path={data.path}
          data-testid={`flow-edge-${data.edgeId}`}
        >
          {data.caption && <div className="flow-edge-caption">{data.caption}</div>}
          {data.coverage.map((finding, index) => (
            <div key={index} className={`coverage ${finding.kind}`} data-testid="coverage-finding">
              {t(`flows.${finding.kind}`)}: <strong>{finding.range}</strong>
            </div>
          ))}
          {others.map((problem, index) => (
            <div key={`p${index}`} className="edge-problem">
              {labelText(problem.message, data.language, problem.code)}
            </div>
          ))}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
