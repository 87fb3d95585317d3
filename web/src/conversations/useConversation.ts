import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { getConversation, markConversationHandled, markConversationRead, type ConversationMessage } from '../api/conversations';
import { useApiData } from '../api/useApiData';
import { useUnreadConversations } from '../components/unreadConversations';

/** After an answer is queued the thread is asked again at these pauses (about 10 s in all) until the answer's status is final. */
export const FOLLOW_UP_PAUSES_MS = [0, 1000, 2000, 2000, 2500, 2500];

interface Earlier {
  /** Every message loaded so far by id, so one that a newer first page pushed out stays shown. */
  seen: ReadonlyMap<string, ConversationMessage>;
  /** Set once "Show earlier messages" was used: where the next older page starts. */
  cursor: string | null | undefined;
}

/**
 * One client's conversation (the caller keys it by client): the newest page, the older ones the owner asked for, and
 * what the owner does with it.
 */
export function useConversation(clientId: string) {
  const { unread, needsAction, refresh: refreshCounts } = useUnreadConversations();
  const first = useApiData((signal) => getConversation(clientId, null, { signal }), [clientId]);
  const { data, replace, reload } = first;
  const [earlier, setEarlier] = useState<Earlier>({ seen: new Map(), cursor: undefined });
  const [isLoadingEarlier, setIsLoadingEarlier] = useState(false);
  const [earlierError, setEarlierError] = useState<ApiError | null>(null);
  const unmounted = useRef(new AbortController());

  useEffect(() => {
    const controller = new AbortController();
    unmounted.current = controller;
    return () => controller.abort();
  }, []);

  // New counts in the navigation may mean a new reply here.
  const counts = `${unread}/${needsAction}`;
  const countsShown = useRef(counts);
  useEffect(() => {
    if (countsShown.current !== counts) {
      countsShown.current = counts;
      reload();
    }
  }, [counts, reload]);

  useEffect(() => {
    if (data !== null) {
      setEarlier((current) => remember(current, data.items));
    }
  }, [data]);

  // Shown and unread: mark it read, then let the navigation count again.
  const marked = useRef<unknown>(null);
  useEffect(() => {
    if (data !== null && data.unread && marked.current !== data) {
      marked.current = data;
      markConversationRead(clientId).then(
        refreshCounts,
        // Still unread: it is marked the next time it shows.
        () => undefined,
      );
    }
  }, [data, clientId, refreshCounts]);

  const messages = data === null ? [] : newestFirst(remember(earlier, data.items).seen);
  const nextCursor = earlier.cursor !== undefined ? earlier.cursor : (data?.nextCursor ?? null);

  const showEarlier = useCallback(async (): Promise<boolean> => {
    if (nextCursor === null) {
      return false;
    }
    setIsLoadingEarlier(true);
    setEarlierError(null);
    try {
      const older = await getConversation(clientId, nextCursor, { signal: unmounted.current.signal });
      setEarlier((current) => ({ ...remember(current, older.items), cursor: older.nextCursor }));
      return older.items.length > 0;
    } catch (error) {
      if (!unmounted.current.signal.aborted) {
        setEarlierError(error instanceof ApiError ? error : new ApiError('Something went wrong. Please try again.', null, 'http'));
      }
      return false;
    } finally {
      setIsLoadingEarlier(false);
    }
  }, [clientId, nextCursor]);

  /** An answer is sent in the background: ask again a few times until it shows delivered, failed or not sent. */
  const followAnswer = useCallback(
    async (answerId: string) => {
      refreshCounts();
      const { signal } = unmounted.current;
      for (const pause of FOLLOW_UP_PAUSES_MS) {
        await delay(pause, signal);
        if (signal.aborted) {
          return;
        }
        try {
          const fresh = await getConversation(clientId, null, { signal });
          replace(fresh);
          // The queued id names the message sent; failing that, the newest answer is the one just sent.
          const answer = fresh.items.find((message) => message.id === answerId) ?? fresh.items.find((message) => message.kind === 'answer');
          if (answer !== undefined && isFinal(answer)) {
            return;
          }
        } catch {
          // The next pause asks again; the page keeps what it showed.
        }
      }
    },
    [clientId, replace, refreshCounts],
  );

  const markHandled = useCallback(async () => {
    await markConversationHandled(clientId);
    if (data !== null) {
      replace({ ...data, needsAction: false });
    }
    refreshCounts();
    reload();
  }, [clientId, data, replace, refreshCounts, reload]);

  return { ...first, messages, nextCursor, showEarlier, isLoadingEarlier, earlierError, followAnswer, markHandled };
}

function remember(earlier: Earlier, items: readonly ConversationMessage[]): Earlier {
  const seen = new Map(earlier.seen);
  items.forEach((item) => seen.set(item.id, item));
  return { ...earlier, seen };
}

function newestFirst(seen: ReadonlyMap<string, ConversationMessage>): ConversationMessage[] {
  return [...seen.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id.localeCompare(a.id));
}

/** Delivered or not, or never going: nothing more changes on its own. */
export function isFinal(message: ConversationMessage): boolean {
  return message.delivery !== null || message.status === 'failed' || message.status === 'skipped' || message.status === 'cancelled';
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
