import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { SiteHeader } from './SiteHeader';
import { SkipLink } from './SkipLink';

const MAIN_ID = 'main';

export function AppLayout() {
  const mainRef = useMoveFocusToHeadingOnNavigate();
  return (
    <div className="app">
      <SkipLink targetId={MAIN_ID} />
      <SiteHeader />
      <main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="page">
        <Outlet />
      </main>
    </div>
  );
}

// Client-side navigation does not move focus, so screen reader users would not hear the new page.
function useMoveFocusToHeadingOnNavigate() {
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const previousPathname = useRef(pathname);

  useEffect(() => {
    if (previousPathname.current === pathname) {
      return;
    }
    previousPathname.current = pathname;
    const main = mainRef.current;
    (main?.querySelector<HTMLElement>('h1') ?? main)?.focus();
  }, [pathname]);

  return mainRef;
}
