// The selected edge: where it goes, its outcome (after an approval) or its condition / default (after a branch),
// and the branch-coverage findings on it in words.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { ConditionEditor } from "../conditions/ConditionEditor.jsx";
import { LabelInput } from "../common/LabelInput.jsx";
import { CheckboxInput, IdInput, SelectInput } from "../common/inputs.jsx";
import { problemsWithin, useDesigner } from "../model/DesignerContext.jsx";
import { setAt } from "../model/pointer.js";
import { ProblemMessages } from "../problems/ProblemBadge.jsx";
import { coverageFinding } from "./flowProblems.js";

export function EdgeEditor({ workflowIndex, edgeIndex, onRemove }) {
  const { t } = useTranslation("designer");
  const { definition, update, problems, language } = useDesigner();
  const workflow = definition.workflows[workflowIndex];
  const edge = workflow.edges[edgeIndex];
  const path = `/workflows/${workflowIndex}/edges/${edgeIndex}`;
  const source = workflow.nodes.find((node) => node.id === edge.from);
  const set = (key, value) => update((document) => setAt(document, `${path}/${key}`, value));
  const nodes = workflow.nodes.map((node) => [node.id, labelText(node.label, language, node.id)]);
  const findings = problemsWithin(problems, path);
  const setDefault = (isDefault) =>
    update((document) => {
      const { condition, ...rest } = document.workflows[workflowIndex].edges[edgeIndex];
      return setAt(document, path, isDefault ? { ...rest, default: true } : { ...rest, default: undefined, condition: condition ?? { combinator: "and", rules: [] } });
    });
  return (
    <div className="edge-editor" data-path={path} data-testid="edge-editor">
      <h3>
        {t("flows.edge")} <code>{edge.id}</code>
      </h3>
      {findings.length > 0 && (
        <ul className="edge-findings" data-testid="edge-findings">
          {findings.map((problem, index) => {
            const finding = coverageFinding(problem);
            return (
              <li key={index} className={problem.severity ?? "error"}>
                {finding ? (
                  <>
                    {t(`flows.${finding.kind}`)}: <strong>{finding.range}</strong> — {labelText(problem.message, language, problem.code)}
                  </>
                ) : (
                  labelText(problem.message, language, problem.code)
                )}
              </li>
            );
          })}
        </ul>
      )}
      <IdInput value={edge.id} onChange={(value) => set("id", value)} path={`${path}/id`} />
      <SelectInput caption={t("flows.from")} value={edge.from} choices={nodes} onChange={(value) => set("from", value)} path={`${path}/from`} />
      <SelectInput caption={t("flows.to")} value={edge.to} choices={nodes} onChange={(value) => set("to", value)} path={`${path}/to`} />
      <LabelInput label={edge.label} onChange={(value) => set("label", Object.keys(value).length ? value : undefined)} path={`${path}/label`} />
      {source?.kind === "approval" && (
        <SelectInput
          caption={t("flows.outcome")}
          value={edge.outcome}
          optional
          choices={["approve", "reject"].map((outcome) => [outcome, t(`flows.outcome_${outcome}`)])}
          onChange={(value) => set("outcome", value)}
          path={`${path}/outcome`}
        />
      )}
      {source?.kind === "branch" && (
        <>
          <CheckboxInput caption={t("flows.isDefault")} checked={edge.default} onChange={setDefault} path={`${path}/default`} />
          {!edge.default && (
            <div data-path={`${path}/condition`}>
              <h4>{t("flows.condition")}</h4>
              <ConditionEditor key={path} condition={edge.condition} entityId={workflow.entity} onChange={(value) => set("condition", value)} testId="edge-condition" />
              <ProblemMessages path={`${path}/condition`} />
            </div>
          )}
        </>
      )}
      <button type="button" className="danger" onClick={onRemove}>
        {t("flows.removeEdge")}
      </button>
    </div>
  );
}
