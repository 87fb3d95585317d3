import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { UnreadCounts } from '../api/conversations';
import { LoadProblem } from '../components/LoadProblem';
import { useUnreadConversations } from '../components/unreadConversations';
import { plural } from '../lib/historyText';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { ConversationList } from './ConversationList';
import { filterFrom, FILTERS } from './conversationText';
import { useConversationList } from './useConversationList';

/** Every client conversation, unread first, filtered by what the owner has to do. */
export function ConversationsPage() {
  const { timeZone } = useMe();
  const [params] = useSearchParams();
  const filter = filterFrom(params.get('filter'));
  const shown = FILTERS.find((option) => option.filter === filter) ?? FILTERS[0]!;
  const list = useConversationList(filter);
  const headingId = useId();
  const [focusRequest, setFocusRequest] = useState<{ index: number } | null>(null);
  useCountsInStep(list.page, list.reload);

  const loadMore = async () => {
    const before = list.items.length;
    if ((await list.loadMore()) > 0) {
      setFocusRequest({ index: before });
    }
  };

  return (
    <Page
      title="Conversations"
      documentTitle={`${shown.label} · Conversations`}
      intro="What your clients wrote and what you sent them, unread first. Open one to read it all and answer."
    >
      <nav aria-label="Show conversations" className="conversation-filter">
        <ul className="conversation-filter__list">
          {FILTERS.map((option) => {
            const count = option.filter === 'unread' ? list.page?.unread : option.filter === 'action' ? list.page?.needsAction : undefined;
            return (
              <li key={option.filter}>
                <Link
                  to={option.filter === 'all' ? '/conversations' : `/conversations?filter=${option.filter}`}
                  className="conversation-filter__link"
                  aria-current={option.filter === filter ? 'page' : undefined}
                >
                  {option.label}
                  {count !== undefined && count > 0 && <span className="conversation-filter__count"> ({count.toLocaleString()})</span>}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <section aria-labelledby={headingId} aria-busy={list.isLoading || list.isLoadingMore} className="conversations">
        <h2 id={headingId} className="section-heading">
          {shown.heading}
        </h2>
        <LoadProblem message={list.error?.message ?? null} onRetry={list.reload} />
        {list.isLoading && list.page === null && <p role="status">Loading conversations…</p>}
        {list.page !== null &&
          (list.items.length === 0 ? (
            <p className="muted">{shown.empty}</p>
          ) : (
            <>
              <p className="muted">{countsText(list.page)}</p>
              <ConversationList conversations={list.items} timeZone={timeZone} label={shown.heading} focusRequest={focusRequest} />
            </>
          ))}
        <LoadProblem message={list.moreError?.message ?? null} onRetry={() => void loadMore()} />
        {list.nextCursor !== null && list.page !== null && (
          <p>
            <button type="button" className="button button--secondary" disabled={list.isLoadingMore || list.isLoading} onClick={() => void loadMore()}>
              {list.isLoadingMore ? 'Loading…' : 'Load more conversations'}
            </button>
          </p>
        )}
      </section>
    </Page>
  );
}

/**
 * The inbox and the navigation's counts agree: a page with other counts than the navigation's asks it to look again,
 * and new counts from the navigation (a reply came in) load the inbox again.
 */
function useCountsInStep(page: UnreadCounts | null, reload: () => void) {
  const { unread, needsAction, refresh } = useUnreadConversations();
  const latest = useRef({ page, unread, needsAction });
  useEffect(() => {
    latest.current = { page, unread, needsAction };
  });

  useEffect(() => {
    const counts = latest.current;
    if (page !== null && (page.unread !== counts.unread || page.needsAction !== counts.needsAction)) {
      refresh();
    }
  }, [page, refresh]);

  useEffect(() => {
    const shown = latest.current.page;
    if (shown !== null && (shown.unread !== unread || shown.needsAction !== needsAction)) {
      reload();
    }
  }, [unread, needsAction, reload]);
}

function countsText({ unread, needsAction }: UnreadCounts): string {
  if (unread === 0 && needsAction === 0) {
    return 'Everything is read and nothing needs action.';
  }
  return `${plural(unread, 'unread conversation', 'unread conversations')}, ${plural(needsAction, 'needs action', 'need action')}.`;
}
