import { useCallback, useEffect, useRef } from 'react';
import { listReplies, markReplyRead, type Reply } from '../api/replies';
import { useApiData } from '../api/useApiData';

const REFRESH_EVERY_MS = 1000;
const REFRESH_ATTEMPTS = 15;

/** The replies clients texted back, newest first, and the two things the owner does with them. */
export function useReplies() {
  const replies = useApiData((signal) => listReplies({ signal }), []);
  const { data, replace } = replies;
  // The callbacks below read the newest list without being recreated for each one.
  const latest = useRef<Reply[] | null>(data);
  useEffect(() => {
    latest.current = data;
  }, [data]);
  const unmounted = useRef(new AbortController());

  useEffect(() => {
    const controller = new AbortController();
    unmounted.current = controller;
    return () => controller.abort();
  }, []);

  const markRead = useCallback(
    async (id: string) => {
      await markReplyRead(id);
      replace((latest.current ?? []).map((reply) => (reply.id === id ? { ...reply, read: true } : reply)));
    },
    [replace],
  );

  /** An inbound SMS is handled in the background (202): ask again until a reply we did not have shows up. */
  const refreshUntilNewReply = useCallback(async (): Promise<boolean> => {
    const known = new Set((latest.current ?? []).map((reply) => reply.id));
    const { signal } = unmounted.current;
    for (let attempt = 0; attempt < REFRESH_ATTEMPTS && !signal.aborted; attempt++) {
      const fresh = await listReplies({ signal });
      if (fresh.some((reply) => !known.has(reply.id))) {
        replace(fresh);
        return true;
      }
      await delay(REFRESH_EVERY_MS, signal);
    }
    return false;
  }, [replace]);

  return { ...replies, markRead, refreshUntilNewReply };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
