// A node on the flow canvas: its name and kind, red or amber when it has problems (their messages on hover).
import { Handle, Position } from "@xyflow/react";
import { labelText } from "../../shared/labels.js";

export function FlowNode({ id, data, selected }) {
  const messages = data.problems.map((problem) => labelText(problem.message, data.language, problem.code));
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
      {messages.length > 0 && (
        <ul className="flow-node-problems">
          {messages.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      )}
      {data.rawKind !== "end" && <Handle type="source" position={Position.Bottom} />}
    </div>
  );
}
