import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { getUnreadCounts, type UnreadCounts } from '../api/conversations';

/** How often the navigation asks while the tab is visible; a 304 costs next to nothing. */
export const UNREAD_POLL_MS = 30_000;

interface UnreadConversationsValue extends UnreadCounts {
  /** Asks again at once, e.g. after the owner read, answered or handled a conversation. */
  refresh: () => void;
}

const UnreadConversationsContext = createContext<UnreadConversationsValue>({ unread: 0, needsAction: 0, refresh: () => undefined });

/**
 * Keeps the unread and needs-action counts for the navigation: asks when the signed-in app opens, every `everyMs`
 * while the tab is visible, at once when it becomes visible again, and whenever a page calls `refresh`.
 */
export function UnreadConversationsProvider({ children, everyMs = UNREAD_POLL_MS }: { children: ReactNode; everyMs?: number }) {
  const [counts, setCounts] = useState<UnreadCounts>({ unread: 0, needsAction: 0 });
  const etag = useRef<string | null>(null);
  const asking = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    // A newer question makes an older answer stale, e.g. one asked just before a thread was marked read.
    asking.current?.abort();
    const controller = new AbortController();
    asking.current = controller;
    getUnreadCounts(etag.current, { signal: controller.signal }).then(
      (answer) => {
        if (answer.changed && !controller.signal.aborted) {
          etag.current = answer.etag;
          setCounts((current) =>
            current.unread === answer.counts.unread && current.needsAction === answer.counts.needsAction ? current : answer.counts,
          );
        }
      },
      // The counts are a hint in the navigation: without them the link still works.
      () => undefined,
    );
  }, []);

  useEffect(() => {
    const askIfVisible = () => {
      if (document.visibilityState !== 'hidden') {
        refresh();
      }
    };
    askIfVisible();
    const timer = setInterval(askIfVisible, everyMs);
    document.addEventListener('visibilitychange', askIfVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', askIfVisible);
      asking.current?.abort();
    };
  }, [refresh, everyMs]);

  const value = useMemo(() => ({ ...counts, refresh }), [counts, refresh]);
  return <UnreadConversationsContext.Provider value={value}>{children}</UnreadConversationsContext.Provider>;
}

export function useUnreadConversations(): UnreadConversationsValue {
  return useContext(UnreadConversationsContext);
}

/** What a screen reader hears after "Conversations". */
export function unreadCountText(count: number): string {
  return `${count.toLocaleString()} unread`;
}
