// A ref field in a record form: search the pointed-at entity's records and pick one by its title.
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../shared/api.js";
import { labelText } from "../../shared/labels.js";
import { useLanguage } from "../../shared/language.js";
import { useLiveApp } from "../app/LiveAppContext.jsx";
import { apiPaths } from "../data/paths.js";

const SHOWN = 50;
const SEARCH_DELAY_MS = 250;

export function RefWidget({ id, value, required, disabled, readonly, onChange, onBlur, onFocus, options, autofocus }) {
  const { t } = useTranslation("live");
  const [language] = useLanguage();
  const { appId, navigation } = useLiveApp();
  const target = options?.dabble?.entity;
  const entity = navigation.entities.find((item) => item.id === target);
  const [query, setQuery] = useState("");
  const [items, setItems] = useState([]);
  const [current, setCurrent] = useState(null); // the chosen record when the search does not list it
  const searchId = useId();
  const titleField = entity?.title_field;
  const readable = Boolean(entity?.may?.read);

  useEffect(() => {
    if (!readable) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const parameters = { q: query.trim() || undefined, page_size: SHOWN, sort: titleField || undefined };
      api(apiPaths.records(appId, target, parameters), { signal: controller.signal })
        .then((page) => setItems(page.items))
        .catch(() => {});
    }, query ? SEARCH_DELAY_MS : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [appId, target, query, titleField, readable]);

  useEffect(() => {
    if (!readable || value === undefined || value === null || items.some((item) => item.id === value)) return;
    if (current?.id === value) return;
    api(apiPaths.record(appId, target, value))
      .then((record) => setCurrent(record))
      .catch(() => setCurrent({ id: value }));
  }, [appId, target, value, items, current, readable]);

  if (!readable) {
    return (
      <input
        id={id}
        type="number"
        min={1}
        value={value ?? ""}
        required={required}
        disabled={disabled || readonly}
        onChange={(event) => onChange(event.target.value === "" ? undefined : Number(event.target.value))}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
    );
  }
  const name = (record) => (titleField && record[titleField] ? String(record[titleField]) : `#${record.id}`);
  const choices = current && !items.some((item) => item.id === current.id) ? [current, ...items] : items;
  return (
    <div className="ref-widget">
      <input
        id={searchId}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder={t("form.searchRef", { entity: labelText(entity.label, language, target) })}
        aria-label={t("form.searchRef", { entity: labelText(entity.label, language, target) })}
        disabled={disabled || readonly}
      />
      <select
        id={id}
        value={value ?? ""}
        required={required}
        disabled={disabled || readonly}
        autoFocus={autofocus}
        onChange={(event) => onChange(event.target.value === "" ? undefined : Number(event.target.value))}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      >
        <option value="">{t("form.chooseRef")}</option>
        {choices.map((record) => (
          <option key={record.id} value={record.id}>
            {name(record)}
          </option>
        ))}
      </select>
    </div>
  );
}
