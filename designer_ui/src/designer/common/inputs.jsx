// Small inputs the designer's editors share: an id, a select of choices, a checkbox, a number.
import { useTranslation } from "react-i18next";
import { ProblemMessages } from "../problems/ProblemBadge.jsx";

export function IdInput({ value, onChange, path, caption, testId }) {
  const { t } = useTranslation("designer");
  return (
    <label data-path={path}>
      {caption ?? t("common.id")}
      <input
        value={value ?? ""}
        pattern="[a-z][a-z0-9_]*"
        maxLength={40}
        spellCheck={false}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value)}
      />
      <ProblemMessages path={path} />
    </label>
  );
}

/** choices: [[value, text]]; an empty value ("") stands for "not set" when `optional`. */
export function SelectInput({ value, onChange, choices, path, caption, optional = false, testId }) {
  const { t } = useTranslation("designer");
  return (
    <label data-path={path}>
      {caption}
      <select value={value ?? ""} data-testid={testId} onChange={(event) => onChange(event.target.value || undefined)}>
        {optional && <option value="">{t("common.none")}</option>}
        {choices.map(([choice, text]) => (
          <option key={choice} value={choice}>
            {text}
          </option>
        ))}
      </select>
      <ProblemMessages path={path} />
    </label>
  );
}

export function CheckboxInput({ checked, onChange, path, caption, testId }) {
  return (
    <label className="inline" data-path={path}>
      <input type="checkbox" checked={Boolean(checked)} data-testid={testId} onChange={(event) => onChange(event.target.checked)} />
      {caption}
      <ProblemMessages path={path} />
    </label>
  );
}

/** A number, or undefined when emptied. */
export function NumberInput({ value, onChange, path, caption, min, max, step = "any", testId }) {
  return (
    <label data-path={path}>
      {caption}
      <input
        type="number"
        value={value ?? ""}
        min={min}
        max={max}
        step={step}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value === "" ? undefined : Number(event.target.value))}
      />
      <ProblemMessages path={path} />
    </label>
  );
}

export function TextInput({ value, onChange, path, caption, testId, placeholder }) {
  return (
    <label data-path={path}>
      {caption}
      <input
        value={value ?? ""}
        placeholder={placeholder}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
      />
      <ProblemMessages path={path} />
    </label>
  );
}
