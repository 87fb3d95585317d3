import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { listConversations, type ConversationFilter, type ConversationPage, type ConversationSummary } from '../api/conversations';
import { useApiData } from '../api/useApiData';

interface MorePages {
  /** The first page these follow: a reload starts again from the top. */
  after: ConversationPage;
  items: ConversationSummary[];
  nextCursor: string | null;
}

/** The inbox for `filter`: the first page, and the pages "Load more" adds after it. */
export function useConversationList(filter: ConversationFilter) {
  const first = useApiData((signal) => listConversations(filter, null, { signal }), [filter]);
  const [more, setMore] = useState<MorePages | null>(null);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const unmounted = useRef(new AbortController());

  useEffect(() => {
    const controller = new AbortController();
    unmounted.current = controller;
    return () => controller.abort();
  }, []);

  const page = first.data;
  const extra = more !== null && page !== null && more.after === page ? more : null;
  const items = page === null ? [] : withoutRepeats([...page.items, ...(extra?.items ?? [])]);
  const nextCursor = extra !== null ? extra.nextCursor : (page?.nextCursor ?? null);

  const loadMore = useCallback(async (): Promise<number> => {
    if (page === null || nextCursor === null) {
      return 0;
    }
    setIsLoadingMore(true);
    setMoreError(null);
    try {
      const next = await listConversations(filter, nextCursor, { signal: unmounted.current.signal });
      setMore({ after: page, items: [...(extra?.items ?? []), ...next.items], nextCursor: next.nextCursor });
      return next.items.length;
    } catch (error) {
      if (!unmounted.current.signal.aborted) {
        setMoreError(error instanceof ApiError ? error : new ApiError('Something went wrong. Please try again.', null, 'http'));
      }
      return 0;
    } finally {
      setIsLoadingMore(false);
    }
  }, [filter, page, extra, nextCursor]);

  return { page, items, nextCursor, isLoading: first.isLoading, error: first.error, reload: first.reload, loadMore, isLoadingMore, moreError };
}

/** A conversation that moved up between two pages (a new message came in) shows once, where it was first seen. */
function withoutRepeats(items: readonly ConversationSummary[]): ConversationSummary[] {
  const seen = new Set<string>();
  const once: ConversationSummary[] = [];
  for (const item of items) {
    if (!seen.has(item.clientId)) {
      seen.add(item.clientId);
      once.push(item);
    }
  }
  return once;
}
