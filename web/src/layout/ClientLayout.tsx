import { useState } from 'react';
import { Link, Outlet, useOutletContext } from 'react-router';
import { SkipLink } from './SkipLink';
import { useMoveFocusToHeadingOnNavigate } from './useMoveFocusToHeadingOnNavigate';

const MAIN_ID = 'main';

/**
 * Pages a business's clients open from a message (unsubscribing): the business's name on top, not our sign-in and trial
 * links, since the client has no account with us and did not come to buy anything.
 */
export function ClientLayout() {
  const mainRef = useMoveFocusToHeadingOnNavigate();
  const [business, setBusiness] = useState<string | null>(null);
  return (
    <div className="app">
      <SkipLink targetId={MAIN_ID} />
      <header className="site-header client-header">
        <div className="site-header__bar">
          <p className="brand client-header__business" dir="auto">
            {business ?? 'Your reminder emails'}
          </p>
        </div>
      </header>
      <main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="page page--narrow">
        <Outlet context={setBusiness} />
      </main>
      <footer className="site-footer">
        <p className="client-footer__note muted">
          {business === null ? 'Reminders are sent' : `${business} sends its reminders`} with Client Reminders.{' '}
          <Link to="/privacy">How we handle your data</Link>
        </p>
      </footer>
    </div>
  );
}

/** For a page inside ClientLayout: names the business in the header once it is known. */
export function useShowBusiness(): (name: string | null) => void {
  return useOutletContext<(name: string | null) => void>();
}
