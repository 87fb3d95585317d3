import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/** A message carried to the next page in the router's location state, e.g. after a client is deleted. */
export interface NoticeState {
  notice: string;
}

export function noticeFrom(state: unknown): string | null {
  return typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string' ? state.notice : null;
}

/**
 * The notice this page was opened with. It is taken out of the history entry at once: a reload or Back must not
 * show it again, and it may name a client who has since been anonymised.
 */
export function useArrivalNotice(): [notice: string | null, dismiss: () => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const [notice, setNotice] = useState(() => noticeFrom(location.state));

  useEffect(() => {
    if (noticeFrom(location.state) !== null) {
      void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
    }
  }, [location, navigate]);

  const dismiss = useCallback(() => setNotice(null), []);
  return [notice, dismiss];
}
