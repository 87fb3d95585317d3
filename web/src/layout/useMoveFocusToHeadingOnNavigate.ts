import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

// Client-side navigation does not move focus, so screen reader users would not hear the new page.
export function useMoveFocusToHeadingOnNavigate() {
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
