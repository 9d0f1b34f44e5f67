// The workflow drawn with @xyflow/react: nodes laid out from the start, edges labelled with their condition or
// outcome, and each node or edge marked with its problems (a branch-coverage gap shows its uncovered range).
import { Background, Controls, ReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { conditionText } from "../conditions/conditionText.js";
import { useDesigner } from "../model/DesignerContext.jsx";
import { FlowEdge } from "./FlowEdge.jsx";
import { layoutFlow } from "./flowLayout.js";
import { FlowNode } from "./FlowNode.jsx";
import { coverageFinding, worstSeverity } from "./flowProblems.js";

const NODE_TYPES = { dabble: FlowNode };
const EDGE_TYPES = { dabble: FlowEdge };

function edgeCaption(edge, entity, definitions, language, t) {
  if (edge.default) return t("flows.default");
  if (edge.outcome) return t(`flows.outcome_${edge.outcome}`);
  if (edge.condition) return conditionText(edge.condition, entity, definitions, language);
  return labelText(edge.label, language, "");
}

export function FlowCanvas({ workflow, index, problems, selection, onSelect, onConnect }) {
  const { t } = useTranslation("designer");
  const { definition, language } = useDesigner();
  const [moved, setMoved] = useState({});
  const entity = (definition.entities ?? []).find((item) => item.id === workflow.entity);
  const layout = useMemo(() => layoutFlow(workflow), [workflow]);
  const path = `/workflows/${index}`;
  const nodes = workflow.nodes.map((node, position) => ({
    id: node.id,
    type: "dabble",
    position: moved[node.id] ?? layout[node.id] ?? { x: 0, y: 0 },
    selected: selection?.type === "node" && selection.index === position,
    data: {
      label: labelText(node.label, language, node.id),
      kind: t(`nodeKinds.${node.kind}`, { defaultValue: node.kind }),
      rawKind: node.kind,
      problems: problems.nodes[position] ?? [],
      coverage: (problems.nodes[position] ?? []).map(coverageFinding).filter(Boolean),
      severity: worstSeverity(problems.nodes[position]),
      path: `${path}/nodes/${position}`,
      language,
    },
  }));
  const nodeIds = new Set(workflow.nodes.map((node) => node.id));
  const edges = workflow.edges
    .map((edge, position) => ({ edge, position }))
    .filter(({ edge }) => nodeIds.has(edge.from) && nodeIds.has(edge.to))
    .map(({ edge, position }) => {
      const found = problems.edges[position] ?? [];
      return {
        id: `${edge.id}#${position}`,
        source: edge.from,
        target: edge.to,
        type: "dabble",
        selected: selection?.type === "edge" && selection.index === position,
        data: {
          edgeId: edge.id,
          caption: edgeCaption(edge, entity, definition.definitions, language, t),
          problems: found,
          severity: worstSeverity(found),
          coverage: found.map(coverageFinding).filter(Boolean),
          path: `${path}/edges/${position}`,
          language,
          select: () => onSelect({ type: "edge", index: position }),
        },
      };
    });
  const positionOfEdge = (id) => Number(id.split("#").at(-1));
  return (
    <div className="flow-canvas" data-testid="flow-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        fitView
        minZoom={0.2}
        onNodeClick={(_, node) => onSelect({ type: "node", index: workflow.nodes.findIndex((item) => item.id === node.id) })}
        onEdgeClick={(_, edge) => onSelect({ type: "edge", index: positionOfEdge(edge.id) })}
        onNodesChange={(changes) => {
          const positions = changes.filter((change) => change.type === "position" && change.position);
          if (positions.length) setMoved((current) => ({ ...current, ...Object.fromEntries(positions.map((change) => [change.id, change.position])) }));
        }}
        onConnect={({ source, target }) => source && target && onConnect(source, target)}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
