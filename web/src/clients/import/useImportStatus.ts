import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { getImport, type ClientImport } from '../../api/clients';

export const POLL_INTERVAL_MS = 1000;

export type ImportStatusState =
  | { kind: 'loading' }
  | { kind: 'loaded'; clientImport: ClientImport }
  | { kind: 'failed'; message: string };

/** Asks for the import's progress every second until it has completed or failed. */
export function useImportStatus(importId: string) {
  const [state, setState] = useState<ImportStatusState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      getImport(importId, { signal: controller.signal }).then(
        (clientImport) => {
          setState({ kind: 'loaded', clientImport });
          if (clientImport.status === 'queued' || clientImport.status === 'running') {
            timer = setTimeout(check, POLL_INTERVAL_MS);
          }
        },
        (error: unknown) => {
          if (!controller.signal.aborted) {
            setState({ kind: 'failed', message: error instanceof ApiError ? error.message : 'Could not check on the import.' });
          }
        },
      );
    };
    check();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [importId, attempt]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, retry };
}
