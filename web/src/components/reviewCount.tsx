import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getCalendars } from '../api/calendars';

interface ReviewCountValue {
  /** Calendar events waiting for the owner to assign or ignore; 0 until known. */
  count: number;
  setCount: (count: number) => void;
}

const ReviewCountContext = createContext<ReviewCountValue>({ count: 0, setCount: () => undefined });

/** Asks once when the signed-in app opens; the calendar pages pass on each newer count they load. */
export function ReviewCountProvider({ children }: { children: ReactNode }) {
  const [count, setCount] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getCalendars({ signal: controller.signal }).then(
      (overview) => setCount(overview.reviewCount),
      // The count is a hint in the navigation: without it the link still works.
      () => undefined,
    );
    return () => controller.abort();
  }, []);

  const value = useMemo(() => ({ count, setCount }), [count]);
  return <ReviewCountContext.Provider value={value}>{children}</ReviewCountContext.Provider>;
}

export function useReviewCount(): ReviewCountValue {
  return useContext(ReviewCountContext);
}

export function reviewCountText(count: number): string {
  return `${count} calendar ${count === 1 ? 'event' : 'events'} to review`;
}
