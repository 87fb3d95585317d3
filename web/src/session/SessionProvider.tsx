import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getMe, signOut as signOutOfApi, type Me } from '../api/account';
import { ApiError, onSessionEnded } from '../api/client';

export type SessionState =
  | { kind: 'checking' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'signed-out'; notice: string | null; accountClosed: boolean }
  | { kind: 'signed-in'; me: Me };

export interface Session {
  state: SessionState;
  /** The owner, when signed in. */
  me: Me | null;
  signedIn: (me: Me) => void;
  updated: (me: Me) => void;
  /** Forget the session locally; app pages then send the owner to sign in, or to /closed after closing the account. */
  signedOut: (notice: string | null, accountClosed?: boolean) => void;
  /** Ends the session on the server; call signedOut afterwards. */
  signOut: () => Promise<void>;
  recheck: () => void;
}

export const SESSION_ENDED_NOTICE = 'Your session has ended. Please sign in again.';

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ kind: 'checking' });
  const [checkRequest, setCheckRequest] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getMe({ signal: controller.signal }).then(
      (me) => setState(me === null ? { kind: 'signed-out', notice: null, accountClosed: false } : { kind: 'signed-in', me }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({
            kind: 'unavailable',
            message: error instanceof ApiError ? error.message : 'Could not check whether you are signed in.',
          });
        }
      },
    );
    return () => controller.abort();
  }, [checkRequest]);

  // A 401 from a signed-in endpoint may be a wrong password rather than an expired session: ask /me to be sure.
  useEffect(
    () =>
      onSessionEnded(() => {
        getMe().then(
          (me) => {
            if (me === null) {
              setState((current) => (current.kind === 'signed-in' ? { kind: 'signed-out', notice: SESSION_ENDED_NOTICE, accountClosed: false } : current));
            }
          },
          () => undefined,
        );
      }),
    [],
  );

  const signedIn = useCallback((me: Me) => setState({ kind: 'signed-in', me }), []);
  const updated = useCallback(
    (me: Me) => setState((current) => (current.kind === 'signed-in' ? { kind: 'signed-in', me } : current)),
    [],
  );
  const signedOut = useCallback(
    (notice: string | null, accountClosed = false) => setState({ kind: 'signed-out', notice, accountClosed }),
    [],
  );
  const signOut = useCallback(async () => {
    try {
      await signOutOfApi();
    } catch (error) {
      // Already signed out on the server (401) is what the owner wanted anyway.
      if (!(error instanceof ApiError && error.status === 401)) {
        throw error;
      }
    }
  }, []);
  const recheck = useCallback(() => {
    setState({ kind: 'checking' });
    setCheckRequest((count) => count + 1);
  }, []);

  const session = useMemo<Session>(
    () => ({ state, me: state.kind === 'signed-in' ? state.me : null, signedIn, updated, signedOut, signOut, recheck }),
    [state, signedIn, updated, signedOut, signOut, recheck],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) {
    throw new Error('useSession is used outside <SessionProvider>.');
  }
  return session;
}

/** For screens that only render inside the signed-in layout. */
export function useMe(): Me {
  const { me } = useSession();
  if (me === null) {
    throw new Error('useMe is used outside a signed-in page.');
  }
  return me;
}
