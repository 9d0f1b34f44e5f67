// What the chosen person sees of each entity of the live app: how many records, and which fields (X-View-As).
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { labelText } from "../../shared/labels.js";
import { useApi } from "../../shared/useApi.js";
import { useDesigner } from "../model/DesignerContext.jsx";

const SAMPLE_SIZE = 5;

function EntityAsSeen({ entity, who }) {
  const { t } = useTranslation("designer");
  const { appId, language } = useDesigner();
  const { data, error, loading } = useApi(`/api/apps/${appId}/${entity.id}?page_size=${SAMPLE_SIZE}`, { viewAs: who });
  const visible = entity.fields.filter((field) => data?.items?.some((record) => field.id in record));
  return (
    <section className="view-as-entity" data-testid={`view-as-${entity.id}`}>
      <h3>{labelText(entity.label, language, entity.id)}</h3>
      {loading && <p className="muted">{t("loading")}</p>}
      {error && <ErrorNotice error={error} />}
      {data && (
        <>
          <p>{t("viewAs.count", { count: data.total })}</p>
          {data.items.length > 0 && (
            <div className="table-scroll">
              <table className="matrix">
                <thead>
                  <tr>
                    {visible.map((field) => (
                      <th key={field.id}>{labelText(field.label, language, field.id)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((record) => (
                    <tr key={record.id}>
                      {visible.map((field) => (
                        <td key={field.id}>{record[field.id] === null || record[field.id] === undefined ? "—" : String(record[field.id])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {entity.fields.length > visible.length && data.items.length > 0 && (
            <p className="muted">
              {t("viewAs.hidden")}:{" "}
              {entity.fields
                .filter((field) => !visible.includes(field))
                .map((field) => labelText(field.label, language, field.id))
                .join(", ")}
            </p>
          )}
        </>
      )}
    </section>
  );
}

export function ViewAsPreview({ who }) {
  const { definition } = useDesigner();
  return (
    <div className="view-as-preview">
      {(definition.entities ?? []).map((entity) => (
        <EntityAsSeen key={entity.id} entity={entity} who={who} />
      ))}
    </div>
  );
}
