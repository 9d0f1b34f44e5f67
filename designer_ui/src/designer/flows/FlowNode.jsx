// A node on the flow canvas: its name and kind, red or amber when it has problems (their messages on hover).
import { Handle, Position } from "@xyflow/react";
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { COVERAGE_CODES } from "./flowProblems.js";

export function FlowNode({ id, data, selected }) {
  const { t } = useTranslation("designer");
  const messages = data.problems.map((problem) => labelText(problem.message, data.language, problem.code));
  const others = data.problems.filter((problem) => !COVERAGE_CODES.has(problem.code));
  return (
    <div
      className={`flow-node kind-${data.rawKind} ${data.severity ?? ""} ${selected ? "selected" : ""}`}
      data-path={data.path}
      data-testid={`flow-node-${id}`}
      title={messages.join("\n")}
    >
      {data.rawKind !== "start" && <Handle type="target" position={Position.Top} />}
      <div className="flow-node-kind">{data.kind}</div>
      <div className="flow-node-label">{data.label}</div>
      {data.coverage.map((finding, index) => (
        <div key={`c${index}`} className={`coverage ${finding.kind}`} data-testid="coverage-finding">
          {t(`flows.${finding.kind}`)}: <strong>{finding.range}</strong>
        </div>
      ))}
      {others.length > 0 && (
        <ul className="flow-node-problems">
          {others.map((problem, index) => (
            <li key={index}>{labelText(problem.message, data.language, problem.code)}</li>
          ))}
        </ul>
      )}
      {data.rawKind !== "end" && <Handle type="source" position={Position.Bottom} />}
    </div>
  );
}
