// What every designer tab needs: the draft, a way to change it, its problems, and a way to jump to a place.
import { createContext, useContext } from "react";

export const DesignerContext = createContext(null);

/** {appId, definition, update, problems, focus, goTo(path), language}. */
export function useDesigner() {
  const designer = useContext(DesignerContext);
  if (!designer) throw new Error("useDesigner needs the designer page");
  return designer;
}

/** The problems at a path or inside it. */
export function problemsWithin(problems, path) {
  return problems.filter((problem) => problem.path === path || problem.path.startsWith(`${path}/`));
}
