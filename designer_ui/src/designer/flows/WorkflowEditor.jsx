// One workflow: its name and entity, the graph, and the editor of the selected node or edge.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { LabelInput } from "../common/LabelInput.jsx";
import { IdInput, SelectInput } from "../common/inputs.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { appendAt, removeAt, setAt } from "../model/pointer.js";
import { ProblemMessages } from "../problems/ProblemBadge.jsx";
import { EdgeEditor } from "./EdgeEditor.jsx";
import { FlowCanvas } from "./FlowCanvas.jsx";
import { flowProblems } from "./flowProblems.js";
import { NodeEditor } from "./NodeEditor.jsx";
import { NODE_KINDS, newEdge, newNode } from "./workflowModel.js";

function selectionOf(focused) {
  const [part, element] = focused?.rest ?? [];
  if ((part === "nodes" || part === "edges") && /^\d+$/.test(element ?? "")) return { type: part === "nodes" ? "node" : "edge", index: Number(element) };
  return null;
}

export function WorkflowEditor({ index, focused }) {
  const { t } = useTranslation("designer");
  const { definition, update, problems, language } = useDesigner();
  const workflow = definition.workflows[index];
  const path = `/workflows/${index}`;
  const [selection, setSelection] = useState(() => selectionOf(focused));
  const [newKind, setNewKind] = useState("approval");
  const focusKey = focused ? `${focused.index}/${focused.rest.join("/")}` : "";
  useEffect(() => {
    const next = selectionOf(focused);
    if (next) setSelection(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follow jumps to a new place only
  }, [focusKey]);
  const sorted = flowProblems(problems, index);
  const set = (key, value) => update((document) => setAt(document, `${path}/${key}`, value));
  const addNode = () => {
    update((document) => appendAt(document, `${path}/nodes`, newNode(newKind, document.workflows[index], document)));
    setSelection({ type: "node", index: workflow.nodes.length });
  };
  const connect = (from, to) => {
    update((document) => appendAt(document, `${path}/edges`, newEdge(document.workflows[index], from, to)));
    setSelection({ type: "edge", index: workflow.edges.length });
  };
  const removeSelected = () => {
    if (!selection) return;
    if (selection.type === "node") {
      const id = workflow.nodes[selection.index].id;
      update((document) => {
        const edges = document.workflows[index].edges.filter((edge) => edge.from !== id && edge.to !== id);
        return setAt(removeAt(document, `${path}/nodes/${selection.index}`), `${path}/edges`, edges);
      });
    } else {
      update((document) => removeAt(document, `${path}/edges/${selection.index}`));
    }
    setSelection(null);
  };
  const entities = (definition.entities ?? []).map((entity) => [entity.id, labelText(entity.label, language, entity.id)]);
  return (
    <section className="workflow-editor" data-path={path}>
      <div className="editor-grid">
        <LabelInput label={workflow.label} onChange={(value) => set("label", value)} path={`${path}/label`} />
        <IdInput value={workflow.id} onChange={(value) => set("id", value)} path={`${path}/id`} />
        <SelectInput caption={t("flows.entity")} value={workflow.entity} choices={entities} onChange={(value) => set("entity", value)} path={`${path}/entity`} />
      </div>
      <ProblemMessages path={`${path}/nodes`} />
      <ProblemMessages path={`${path}/edges`} />
      {sorted.workflow
        .filter((problem) => problem.path === path)
        .map((problem, position) => (
          <p key={position} className="field-error">
            {labelText(problem.message, language, problem.code)}
          </p>
        ))}
      <div className="flow-toolbar">
        <select value={newKind} onChange={(event) => setNewKind(event.target.value)} aria-label={t("flows.nodeKind")}>
          {NODE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`nodeKinds.${kind}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={addNode}>
          {t("flows.addNode")}
        </button>
        <span className="muted">{t("flows.connectHint")}</span>
      </div>
      <div className="flow-layout">
        <FlowCanvas workflow={workflow} index={index} problems={sorted} selection={selection} onSelect={setSelection} onConnect={connect} />
        <aside className="flow-side" aria-label={t("flows.selected")}>
          {selection?.type === "node" && workflow.nodes[selection.index] && (
            <NodeEditor key={`n${selection.index}`} workflowIndex={index} nodeIndex={selection.index} onRemove={removeSelected} />
          )}
          {selection?.type === "edge" && workflow.edges[selection.index] && (
            <EdgeEditor key={`e${selection.index}`} workflowIndex={index} edgeIndex={selection.index} onRemove={removeSelected} />
          )}
          {!selection && <p className="muted">{t("flows.pick")}</p>}
        </aside>
      </div>
    </section>
  );
}
