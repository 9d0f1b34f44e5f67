// Unsaved changes are not lost by leaving the designer: the browser asks before a reload or closing the tab, and
// the app asks before a link leads elsewhere (react-router's useBlocker).
import { useEffect } from "react";
import { useBlocker } from "react-router-dom";

export function useLeaveGuard(dirty, appId, question) {
  const blocker = useBlocker(({ nextLocation }) => dirty && !nextLocation.pathname.startsWith(`/designer/${appId}/`));
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(question)) blocker.proceed();
    else blocker.reset();
  }, [blocker, question]);
  useEffect(() => {
    const warn = (event) => {
      if (dirty) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
}
