// A kanban view: one lane per option of its choice field. Dragging a card to another lane (or choosing the lane in
// the card's "move to" list, on a phone) updates the record with its row_version; a refusal puts the card back and
// says why (in approval, not allowed, changed meanwhile).
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../shared/api.js";
import { ErrorNotice } from "../../shared/ErrorNotice.jsx";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useEntity, useFormatContext, useLiveApp, useRefTitles } from "../app/LiveAppContext.jsx";
import { apiPaths, pagePaths } from "../data/paths.js";
import { refusalKey, refusalText } from "../data/refusals.js";
import { useLiveResource } from "../data/useLiveResource.js";
import { CellValue } from "../format/CellValue.jsx";
import { NewRecordLink } from "../records/NewRecordLink.jsx";
import { moveBody, moveCard, placeOf, updateCard } from "./kanbanMoves.js";
import { ViewHeading } from "./ViewHeading.jsx";

const CARD_MIME = "application/x-dabble-card";

export function KanbanView({ view }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { appId, readOnly } = useLiveApp();
  const entity = useEntity(view.entity);
  const format = useFormatContext();
  const { data, error, loading, refreshing, setData, reload } = useLiveResource(apiPaths.view(appId, view.id), {
    entities: [view.entity],
  });
  const [refusal, setRefusal] = useState(null); // {cardId, title, text}
  const [dragging, setDragging] = useState(null);
  const [over, setOver] = useState(undefined);
  const cards = useMemo(() => data?.lanes?.flatMap((lane) => lane.cards) ?? [], [data]);
  useRefTitles(data?.view?.card_fields, cards);
  const mayMove = Boolean(entity?.may?.update) && !readOnly;
  const groupBy = data?.view?.group_by;
  const titleField = data?.view?.title_field;
  const targets = (data?.lanes ?? []).filter((lane) => lane.value !== null);

  const move = async (cardId, toValue) => {
    const place = placeOf(data.lanes, cardId);
    if (!place || place.value === toValue) return;
    const card = data.lanes.find((lane) => lane.value === place.value).cards[place.index];
    setRefusal(null);
    setData((current) => ({ ...current, lanes: moveCard(current.lanes, cardId, toValue, groupBy) }));
    try {
      const saved = await api(apiPaths.record(appId, view.entity, cardId), {
        method: "PATCH",
        body: moveBody(card, groupBy, toValue),
      });
      setData((current) => ({ ...current, lanes: updateCard(current.lanes, cardId, { row_version: saved.row_version }) }));
    } catch (failure) {
      setData((current) => ({ ...current, lanes: moveCard(current.lanes, cardId, place.value, groupBy, place.index) }));
      const title = card[titleField] ? String(card[titleField]) : `#${cardId}`;
      const stale = refusalKey(failure) === "refusal.stale";
      setRefusal({ cardId, title, text: stale ? t("kanban.stale") : refusalText(failure, t, language), code: failure?.code });
      if (stale) reload();
    }
  };

  const dropOn = (lane) => (event) => {
    event.preventDefault();
    setOver(undefined);
    const cardId = Number(event.dataTransfer.getData(CARD_MIME) || event.dataTransfer.getData("text/plain") || dragging);
    setDragging(null);
    if (cardId && lane.value !== null) move(cardId, lane.value);
  };

  return (
    <div className="kanban-view" data-testid={`view-${view.id}`}>
      <ViewHeading view={view} busy={refreshing}>
        <NewRecordLink entityId={view.entity} />
      </ViewHeading>
      {mayMove && <p className="muted hint">{t("kanban.hint")}</p>}
      {refusal && (
        <div className="refusal" role="alert" data-testid="kanban-refusal" data-code={refusal.code}>
          <p>
            <strong>{refusal.title}</strong>: {refusal.text}
          </p>
          <button type="button" className="link" onClick={() => setRefusal(null)}>
            {t("dismiss")}
          </button>
        </div>
      )}
      <ErrorNotice error={error} />
      {loading && !data && <p className="page-status">{t("loading")}</p>}
      {data && (
        <div className="kanban-lanes">
          {data.lanes.map((lane) => (
            <section
              key={String(lane.value)}
              className={`kanban-lane${over === lane.value && dragging ? " drop-target" : ""}`}
              data-testid={`lane-${lane.value ?? "none"}`}
              aria-label={labelText(lane.label, language, String(lane.value))}
              onDragOver={(event) => {
                if (!mayMove || lane.value === null) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = "move";
                setOver(lane.value);
              }}
              onDragLeave={() => setOver(undefined)}
              onDrop={dropOn(lane)}
            >
              <h3 className="lane-head" style={lane.color ? { borderTopColor: lane.color } : undefined}>
                <span>{labelText(lane.label, language, String(lane.value ?? ""))}</span>
                <span className="badge" data-testid="lane-total">
                  {lane.total}
                </span>
              </h3>
              <ul className="lane-cards">
                {lane.cards.map((card) => (
                  <li
                    key={card.id}
                    className={`kanban-card${refusal?.cardId === card.id ? " card-refused" : ""}`}
                    data-testid={`card-${card.id}`}
                    draggable={mayMove}
                    onDragStart={(event) => {
                      event.dataTransfer.setData(CARD_MIME, String(card.id));
                      event.dataTransfer.setData("text/plain", String(card.id));
                      event.dataTransfer.effectAllowed = "move";
                      setDragging(card.id);
                    }}
                    onDragEnd={() => setDragging(null)}
                  >
                    <Link to={pagePaths.record(appId, view.entity, card.id)} className="card-title">
                      {card[titleField] ? String(card[titleField]) : `#${card.id}`}
                    </Link>
                    <dl className="card-fields">
                      {data.view.card_fields.map((column) => (
                        <div key={column.id}>
                          <dt>{labelText(column.label, language, column.id)}</dt>
                          <dd>
                            <CellValue column={column} value={card[column.id]} format={format} />
                          </dd>
                        </div>
                      ))}
                    </dl>
                    {mayMove && (
                      <label className="inline card-move">
                        <span>{t("kanban.moveTo")}</span>
                        <select
                          value={lane.value ?? ""}
                          onChange={(event) => move(card.id, event.target.value)}
                          data-testid={`move-${card.id}`}
                        >
                          {lane.value === null && <option value="">{labelText(lane.label, language)}</option>}
                          {targets.map((target) => (
                            <option key={target.value} value={target.value}>
                              {labelText(target.label, language, String(target.value))}
                            </option>
                          ))}
                        </select>
                      </label>
                    )}
                  </li>
                ))}
              </ul>
              {lane.total > lane.cards.length && (
                <p className="muted lane-more">{t("kanban.more", { count: lane.total - lane.cards.length })}</p>
              )}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
