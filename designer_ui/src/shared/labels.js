// Labels of the app definition are a string or {"zh", "en"}; one helper turns them into the text to show.

/** The text of a label in a language, falling back to the other language, then to `fallback`. */
export function labelText(label, language, fallback = "") {
  if (label === null || label === undefined) return fallback;
  if (typeof label === "string") return label || fallback;
  if (typeof label !== "object") return String(label);
  const other = language === "zh" ? "en" : "zh";
  const text = label[language] || label[other];
  return typeof text === "string" && text ? text : fallback;
}

/** A label with one language's text replaced (the designer edits labels one language at a time). */
export function withLabelText(label, language, text) {
  const current = typeof label === "object" && label !== null ? { ...label } : label ? { zh: label, en: label } : {};
  if (text) current[language] = text;
  else delete current[language];
  return current;
}
