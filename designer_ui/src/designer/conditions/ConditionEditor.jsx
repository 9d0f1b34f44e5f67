// A condition of the definition edited with react-querybuilder (the same {"combinator", "rules", "not"} shape).
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryBuilder } from "react-querybuilder";
import "react-querybuilder/dist/query-builder.css";
import { useDesigner } from "../model/DesignerContext.jsx";
import { conditionFields, fieldTypes } from "./fieldCatalog.js";
import { fromQuery, toQuery } from "./conditionQuery.js";

const COMBINATORS = ["and", "or"];

export function ConditionEditor({ condition, entityId, onChange, testId }) {
  const { t } = useTranslation("designer");
  const { definition, language } = useDesigner();
  const entity = (definition.entities ?? []).find((item) => item.id === entityId);
  const [query, setQuery] = useState(() => toQuery(condition));
  const fields = useMemo(
    () => conditionFields(entity, definition.definitions, language, (key) => t(`operators.${key}`)),
    [entity, definition.definitions, language, t],
  );
  const types = useMemo(() => fieldTypes(entity), [entity]);
  const translations = useMemo(
    () => ({
      addRule: { label: t("conditions.addRule"), title: t("conditions.addRule") },
      addGroup: { label: t("conditions.addGroup"), title: t("conditions.addGroup") },
      removeRule: { label: "×", title: t("common.remove") },
      removeGroup: { label: "×", title: t("common.remove") },
      notToggle: { label: t("conditions.not"), title: t("conditions.not") },
    }),
    [t],
  );
  const combinators = COMBINATORS.map((name) => ({ name, label: t(`conditions.${name}`) }));
  const change = (next) => {
    setQuery(next);
    onChange(fromQuery(next, types));
  };
  return (
    <div className="condition-editor" data-testid={testId}>
      <QueryBuilder
        fields={fields}
        query={query}
        onQueryChange={change}
        combinators={combinators}
        translations={translations}
        showNotToggle
        listsAsArrays
        resetOnFieldChange
        enableMountQueryChange={false}
      />
    </div>
  );
}
