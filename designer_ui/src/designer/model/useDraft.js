// The draft being designed: loaded from GET /api/apps/<app>/draft, edited locally, validated as it changes
// (POST /api/definitions/validate, debounced), saved with its revision (PUT …/draft; 409 when someone else saved).
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../../shared/api.js";

const VALIDATE_DELAY_MS = 350;

export function useDraft(appId) {
  const [state, setState] = useState({ status: "loading", error: null });
  const [definition, setDefinition] = useState(null);
  const [saved, setSaved] = useState(null);
  const [revision, setRevision] = useState(null);
  const [validation, setValidation] = useState(null);
  const [saving, setSaving] = useState(false);
  const round = useRef(0);

  const load = useCallback(async () => {
    setState({ status: "loading", error: null });
    try {
      const draft = await api(`/api/apps/${encodeURIComponent(appId)}/draft`);
      setDefinition(draft.definition);
      setSaved(draft.definition);
      setRevision(draft.revision);
      setValidation(draft.validation);
      setState({ status: "ready", error: null });
    } catch (error) {
      setState({ status: "failed", error });
    }
  }, [appId]);

  useEffect(() => {
    load();
  }, [load]);

  useEffect(() => {
    if (definition === null || definition === saved) return undefined;
    const mine = ++round.current;
    const timer = setTimeout(() => {
      api("/api/definitions/validate", { method: "POST", body: definition })
        .then((report) => mine === round.current && setValidation(report))
        .catch(() => {});
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [definition, saved]);

  /** Change the draft: update(document => newDocument). */
  const update = useCallback((change) => setDefinition((current) => change(current)), []);

  const save = useCallback(async () => {
    setSaving(true);
    try {
      const answer = await api(`/api/apps/${encodeURIComponent(appId)}/draft`, {
        method: "PUT",
        body: { definition, revision },
      });
      setSaved(definition);
      setRevision(answer.revision);
      setValidation(answer.validation);
      return answer;
    } finally {
      setSaving(false);
    }
  }, [appId, definition, revision]);

  /** After a publish of `document`: it is the stored draft now, at the revision the server gives. */
  const published = useCallback((document, newRevision) => {
    setSaved(document);
    if (newRevision !== undefined) setRevision(newRevision);
  }, []);

  return {
    ...state,
    definition,
    revision,
    validation,
    problems: validation?.problems ?? [],
    dirty: definition !== saved,
    saving,
    update,
    save,
    reload: load,
    published,
  };
}
