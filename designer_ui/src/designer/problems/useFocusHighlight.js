// After a jump to a place (?focus=<pointer>), scroll to the element showing it and flash it.
import { useEffect } from "react";
import { isWithin } from "../model/pointer.js";

/** The element whose data-path is the focus or its nearest ancestor. */
export function closestElement(focus, root = document) {
  let best = null;
  for (const element of root.querySelectorAll("[data-path]")) {
    const path = element.getAttribute("data-path");
    if (isWithin(focus, path) && (!best || path.length > best.getAttribute("data-path").length)) best = element;
  }
  return best;
}

export function useFocusHighlight(focus, pathname, status) {
  useEffect(() => {
    if (!focus || status !== "ready") return undefined;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        const element = closestElement(focus);
        if (!element) return;
        element.scrollIntoView?.({ block: "center", behavior: "smooth" });
        element.classList.add("focused");
        setTimeout(() => element.classList.remove("focused"), 2000);
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [focus, pathname, status]);
}
