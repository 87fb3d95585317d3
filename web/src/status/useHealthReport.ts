import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { getHealth, type HealthReport } from '../api/health';

export const HEALTH_REFRESH_MS = 15_000;

export type HealthState =
  | { kind: 'first-check' }
  | { kind: 'reported'; report: HealthReport; checkedAt: Date }
  | { kind: 'failed'; error: ApiError; checkedAt: Date };

export function useHealthReport(refreshMs = HEALTH_REFRESH_MS) {
  const [state, setState] = useState<HealthState>({ kind: 'first-check' });
  const [isChecking, setIsChecking] = useState(true);
  // Bumping this restarts the effect: the in-flight check is dropped and the 15 s clock starts over.
  const [checkRequest, setCheckRequest] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const check = async () => {
      setIsChecking(true);
      let next: HealthState;
      try {
        next = { kind: 'reported', report: await getHealth({ signal: controller.signal }), checkedAt: new Date() };
      } catch (error) {
        next = { kind: 'failed', error: asApiError(error), checkedAt: new Date() };
      }
      if (controller.signal.aborted) {
        return;
      }
      setState(next);
      setIsChecking(false);
      timer = setTimeout(() => void check(), refreshMs);
    };

    void check();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [refreshMs, checkRequest]);

  const checkNow = useCallback(() => setCheckRequest((count) => count + 1), []);
  return { state, isChecking, checkNow };
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError('Something went wrong while checking the service.', null, 'unreachable');
}
