// One value of a record on the page, always as text: a pointed-at record links to its page, a web address and an
// email address become links only when they are what they claim to be.
import { Link } from "react-router-dom";
import { useLiveApp } from "../app/LiveAppContext.jsx";
import { pagePaths } from "../data/paths.js";
import { formatValue } from "./values.js";

const WEB_ADDRESS = /^https?:\/\/[^\s]+$/i;
const EMAIL_ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+$/;

export function CellValue({ column, value, format }) {
  const { appId } = useLiveApp();
  const text = formatValue(value, column, format);
  if (value === null || value === undefined || value === "") return <span className="muted">{text}</span>;
  if (column?.type === "ref" && format?.refTitle?.(column.target_entity, value)) {
    return <Link to={pagePaths.record(appId, column.target_entity, value)}>{text}</Link>;
  }
  if (column?.type === "url" && WEB_ADDRESS.test(String(value))) {
    return (
      <a href={String(value)} target="_blank" rel="noopener noreferrer">
        {text}
      </a>
    );
  }
  if (column?.type === "email" && EMAIL_ADDRESS.test(String(value))) return <a href={`mailto:${value}`}>{text}</a>;
  return <>{text}</>;
}
