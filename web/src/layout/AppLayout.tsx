import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { ReviewCountProvider } from '../components/reviewCount';
import { UnreadConversationsProvider } from '../components/unreadConversations';
import { PlanBanner } from './PlanBanner';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';
import { SkipLink } from './SkipLink';
import { useMoveFocusToHeadingOnNavigate } from './useMoveFocusToHeadingOnNavigate';

const MAIN_ID = 'main';

export function AppLayout() {
  const mainRef = useMoveFocusToHeadingOnNavigate();
  return (
    <UnreadConversationsProvider>
      <ReviewCountProvider>
        <div className="app">
          <SkipLink targetId={MAIN_ID} />
          <SiteHeader />
          <PlanBanner />
          <main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="page">
            {/* A page loaded on demand: on a link, the router keeps the last page until it is ready; on opening, this shows. */}
            <Suspense fallback={<p role="status">Loading…</p>}>
              <Outlet />
            </Suspense>
          </main>
          <SiteFooter />
        </div>
      </ReviewCountProvider>
    </UnreadConversationsProvider>
  );
}
