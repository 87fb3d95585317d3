import { useState } from 'react';

/** Long lists show a page at a time, so a screen (a phone's above all) is not thousands of pixels tall. */
export const PAGE_SIZE = 10;

export function useShowMore<T>(items: readonly T[], pageSize = PAGE_SIZE): { shown: readonly T[]; more: () => void; hidden: number } {
  const [count, setCount] = useState(pageSize);
  const shown = items.slice(0, count);
  return { shown, more: () => setCount((current) => current + pageSize), hidden: items.length - shown.length };
}

/** "Showing 10 of 42. Show 10 more" under a list. */
export function ShowMoreButton({ shown, hidden, what, onMore, pageSize = PAGE_SIZE }: { shown: number; hidden: number; what: string; onMore: () => void; pageSize?: number }) {
  if (hidden <= 0) {
    return null;
  }
  return (
    <p className="show-more">
      <span className="muted">
        Showing {shown} of {shown + hidden} {what}.
      </span>{' '}
      <button type="button" className="button button--secondary" onClick={onMore} aria-label={`Show ${Math.min(pageSize, hidden)} more ${what}`}>
        Show {Math.min(pageSize, hidden)} more
      </button>
    </p>
  );
}
