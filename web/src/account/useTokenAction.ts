import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

export type TokenActionState =
  | { kind: 'missing' }
  | { kind: 'working' }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; message: string };

/** Posts an emailed one-time token once on load; a second post would find the token already used. */
export function useTokenAction(token: string, action: (token: string) => Promise<string>): TokenActionState {
  const [state, setState] = useState<TokenActionState>(token === '' ? { kind: 'missing' } : { kind: 'working' });
  const postedToken = useRef<string | null>(null);

  useEffect(() => {
    if (token === '' || postedToken.current === token) {
      return;
    }
    postedToken.current = token;
    action(token).then(
      (message) => setState({ kind: 'done', message }),
      (error: unknown) =>
        setState({ kind: 'failed', message: error instanceof ApiError ? error.message : 'Something went wrong. Please try again.' }),
    );
  }, [token, action]);

  return state;
}
