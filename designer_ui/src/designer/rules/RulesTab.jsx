// Automatic rules (trigger, condition, actions) and the named business conditions they, views and flows share.
import { useTranslation } from "react-i18next";
import { labelText } from "../../shared/labels.js";
import { useDesigner } from "../model/DesignerContext.jsx";
import { freeId } from "../model/ids.js";
import { appendAt } from "../model/pointer.js";
import { useSelection } from "../problems/useSelection.js";
import { ProblemBadge } from "../problems/ProblemBadge.jsx";
import { DefinitionsEditor } from "./DefinitionsEditor.jsx";
import { RuleEditor } from "./RuleEditor.jsx";
import { newRule } from "./ruleModel.js";

export function RulesTab() {
  const { t } = useTranslation("designer");
  const { definition, update, language } = useDesigner();
  const rules = definition.rules ?? [];
  const [chosen, setChosen] = useSelection("rules");
  const index = Math.min(chosen, Math.max(rules.length - 1, 0));
  const add = () => {
    update((document) => appendAt(document, "/rules", newRule(freeId("rule", rules.map((rule) => rule.id)), document)));
    setChosen(rules.length);
  };
  return (
    <>
      <div className="tab-columns two">
        <nav className="item-list" aria-label={t("rules.title")}>
          <h2>{t("rules.title")}</h2>
          <ul>
            {rules.map((rule, position) => (
              <li key={`${rule.id}-${position}`} data-path={`/rules/${position}`}>
                <button type="button" className={position === index ? "selected" : ""} onClick={() => setChosen(position)}>
                  {labelText(rule.label, language, rule.id)} <ProblemBadge path={`/rules/${position}`} />
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={add} disabled={!definition.entities?.length}>
            {t("rules.add")}
          </button>
        </nav>
        {rules[index] ? <RuleEditor key={index} index={index} /> : <p className="muted">{t("rules.none")}</p>}
      </div>
      <DefinitionsEditor />
    </>
  );
}
