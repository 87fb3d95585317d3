import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { PublicHeader } from './PublicHeader';
import { SiteFooter } from './SiteFooter';
import { SkipLink } from './SkipLink';
import { useMoveFocusToHeadingOnNavigate } from './useMoveFocusToHeadingOnNavigate';

const MAIN_ID = 'main';

/** `children` stand in for the route's outlet, for screens shown before we know who is signed in. */
export function PublicLayout({ children }: { children?: ReactNode }) {
  const mainRef = useMoveFocusToHeadingOnNavigate();
  return (
    <div className="app">
      <SkipLink targetId={MAIN_ID} />
      <PublicHeader />
      <main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="page page--narrow">
        {children ?? <Outlet />}
      </main>
      <SiteFooter />
    </div>
  );
}
