// The selected node: id, name, kind, and its kind's properties (approvers and policy, outcome, field and value…).
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { LabelInput } from "../common/LabelInput.jsx";
import { IdInput, SelectInput, TextInput } from "../common/inputs.jsx";
import { APPROVER_KINDS, PartiesEditor, RECIPIENT_KINDS } from "../common/PartiesEditor.jsx";
import { useDesigner } from "../model/DesignerContext.jsx";
import { setAt } from "../model/pointer.js";
import { ProblemMessages } from "../problems/ProblemBadge.jsx";
import { NODE_KINDS, newNode } from "./workflowModel.js";

const POLICIES = ["any", "all", "majority"];
const OUTCOMES = ["approved", "rejected", "cancelled"];

export function NodeEditor({ workflowIndex, nodeIndex, onRemove }) {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const workflow = definition.workflows[workflowIndex];
  const node = workflow.nodes[nodeIndex];
  const path = `/workflows/${workflowIndex}/nodes/${nodeIndex}`;
  const entity = (definition.entities ?? []).find((item) => item.id === workflow.entity);
  const set = (key, value) => update((document) => setAt(document, `${path}/${key}`, value));
  const changeKind = (kind) =>
    update((document) => setAt(document, path, { ...newNode(kind, document.workflows[workflowIndex], document), id: node.id, ...(node.label ? { label: node.label } : {}) }));
  const fields = (entity?.fields ?? []).map((field) => [field.id, labelText(field.label, language, field.id)]);
  return (
    <div className="node-editor" data-path={path} data-testid="node-editor">
      <h3>{labelText(node.label, language, node.id)}</h3>
      <ProblemMessages path={path} />
      <IdInput value={node.id} onChange={(value) => set("id", value)} path={`${path}/id`} />
      <LabelInput label={node.label} onChange={(value) => set("label", Object.keys(value).length ? value : undefined)} path={`${path}/label`} />
      <SelectInput caption={t("flows.nodeKind")} value={node.kind} choices={NODE_KINDS.map((kind) => [kind, t(`nodeKinds.${kind}`)])} onChange={changeKind} path={`${path}/kind`} />
      {node.kind === "end" && <SelectInput caption={t("flows.outcome")} value={node.outcome} choices={OUTCOMES.map((outcome) => [outcome, t(`flows.end_${outcome}`)])} onChange={(value) => set("outcome", value)} path={`${path}/outcome`} />}
      {node.kind === "approval" && (
        <>
          <PartiesEditor caption={t("flows.approvers")} parties={node.approvers} path={`${path}/approvers`} kinds={APPROVER_KINDS} entityId={workflow.entity} />
          <SelectInput caption={t("flows.policy")} value={node.policy ?? "any"} choices={POLICIES.map((policy) => [policy, t(`flows.policy_${policy}`)])} onChange={(value) => set("policy", value)} path={`${path}/policy`} />
        </>
      )}
      {node.kind === "notify" && (
        <>
          <PartiesEditor caption={t("flows.recipients")} parties={node.to} path={`${path}/to`} kinds={RECIPIENT_KINDS} entityId={workflow.entity} />
          <LabelInput caption={t("flows.message")} label={node.message} onChange={(value) => set("message", value)} path={`${path}/message`} />
        </>
      )}
      {node.kind === "set_field" && (
        <>
          <SelectInput caption={t("flows.field")} value={node.field} choices={fields} onChange={(value) => set("field", value)} path={`${path}/field`} />
          <TextInput caption={t("flows.value")} value={node.value === null || node.value === undefined ? "" : String(node.value)} onChange={(value) => set("value", value ?? null)} path={`${path}/value`} />
        </>
      )}
      <button type="button" className="danger" onClick={onRemove}>
        {t("flows.removeNode")}
      </button>
    </div>
  );
}
