// Who is signed in (GET /api/me), with sign-in and sign-out; keeps the API client's CSRF token current.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, setCsrfToken, setUnauthorizedHandler } from "./api.js";

const SessionContext = createContext(null);

export function SessionProvider({ children }) {
  const [state, setState] = useState({ status: "loading", user: null });

  const signedIn = useCallback((user, token) => {
    setCsrfToken(token);
    setState({ status: "signed_in", user });
  }, []);
  const signedOut = useCallback(() => {
    setCsrfToken(null);
    setState({ status: "signed_out", user: null });
  }, []);

  const refresh = useCallback(async () => {
    try {
      const me = await api("/api/me");
      signedIn(me, me.csrf_token);
    } catch {
      signedOut();
    }
  }, [signedIn, signedOut]);

  useEffect(() => {
    setUnauthorizedHandler(() => signedOut());
    refresh();
    return () => setUnauthorizedHandler(() => {});
  }, [refresh, signedOut]);

  const signIn = useCallback(
    async (username, password) => {
      const answer = await api("/api/auth/login", { method: "POST", body: { username, password } });
      setCsrfToken(answer.csrf_token);
      await refresh(); // /api/me holds more than the login answer (roles, groups, reports)
    },
    [refresh],
  );
  const signOut = useCallback(async () => {
    try {
      await api("/api/auth/logout", { method: "POST" });
    } finally {
      signedOut();
    }
  }, [signedOut]);

  const value = useMemo(() => ({ ...state, signIn, signOut, refresh }), [state, signIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** {status: "loading" | "signed_in" | "signed_out", user, signIn, signOut, refresh}; user is GET /api/me. */
export function useSession() {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a <SessionProvider>");
  return session;
}
