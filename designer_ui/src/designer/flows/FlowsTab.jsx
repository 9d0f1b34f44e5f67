// Approval flows: pick a workflow, see and edit it as a graph; problems sit on the node or edge they concern.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { useDesigner } from "../model/DesignerContext.jsx";
import { useSelection } from "../problems/useSelection.js";
import { ProblemBadge } from "../problems/ProblemBadge.jsx";
import { WorkflowEditor } from "./WorkflowEditor.jsx";
import { newWorkflow } from "./workflowModel.js";
import { appendAt } from "../model/pointer.js";

export function FlowsTab() {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const workflows = definition.workflows ?? [];
  const [chosen, setChosen, focused] = useSelection("workflows");
  const index = Math.min(chosen, Math.max(workflows.length - 1, 0));
  const add = () => {
    update((document) => appendAt(document, "/workflows", newWorkflow(document)));
    setChosen(workflows.length);
  };
  return (
    <div className="flows-tab">
      <nav className="item-list horizontal" aria-label={t("flows.title")}>
        <h2>{t("flows.title")}</h2>
        <ul>
          {workflows.map((workflow, position) => (
            <li key={`${workflow.id}-${position}`} data-path={`/workflows/${position}`}>
              <button type="button" className={position === index ? "selected" : ""} onClick={() => setChosen(position)}>
                {labelText(workflow.label, language, workflow.id)} <ProblemBadge path={`/workflows/${position}`} />
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={add} disabled={!definition.entities?.length}>
          {t("flows.add")}
        </button>
      </nav>
      {workflows[index] ? <WorkflowEditor key={index} index={index} focused={focused?.index === index ? focused : null} /> : <p className="muted">{t("flows.none")}</p>}
    </div>
  );
}
