import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { ApiError } from './client';

export interface ApiData<T> {
  /** The latest answer; kept while a newer request loads, so lists do not flicker. */
  data: T | null;
  isLoading: boolean;
  error: ApiError | null;
  reload: () => void;
  /** Replace the data with what a write returned, without asking again. */
  replace: (data: T) => void;
}

/** Loads with `load` whenever `deps` change (the caller lists what `load` reads), cancelling the request it replaces. */
export function useApiData<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): ApiData<T> {
  const [data, setData] = useState<T | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setIsLoading(true);
    load(controller.signal).then(
      (loaded) => {
        setData(loaded);
        setError(null);
        setIsLoading(false);
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) {
          setError(failure instanceof ApiError ? failure : new ApiError('Something went wrong. Please try again.', null, 'http'));
          setIsLoading(false);
        }
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` is the caller's list for `load`, checked at each call (additionalHooks).
  }, [...deps, reloads]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  const replace = useCallback((next: T) => setData(next), []);
  return { data, isLoading, error, reload, replace };
}
