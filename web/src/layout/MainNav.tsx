import { useRef, type Dispatch, type KeyboardEvent, type SetStateAction } from 'react';
import { NavLink } from 'react-router';
import { reviewCountText, useReviewCount } from '../components/reviewCount';
import { unreadCountText, useUnreadConversations } from '../components/unreadConversations';
import { NAV_ITEMS, type NavItem } from './navItems';

const NAV_ID = 'main-nav';

interface MainNavProps {
  isOpen: boolean;
  setIsOpen: Dispatch<SetStateAction<boolean>>;
}

/** On narrow screens the links hide behind a menu button; CSS decides when the button shows. */
export function MainNav({ isOpen, setIsOpen }: MainNavProps) {
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const { count: reviewCount } = useReviewCount();
  const { unread } = useUnreadConversations();
  // A count beside a link, as a small pill; a screen reader hears it in the link's name.
  const countFor = ({ path, label }: NavItem): { count: number; name: string } | null => {
    if (path === '/calendars' && reviewCount > 0) {
      return { count: reviewCount, name: `${label}, ${reviewCountText(reviewCount)}` };
    }
    if (path === '/conversations' && unread > 0) {
      return { count: unread, name: `${label} (${unreadCountText(unread)})` };
    }
    return null;
  };

  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && isOpen) {
      setIsOpen(false);
      menuButtonRef.current?.focus();
    }
  };

  return (
    <>
      <button
        ref={menuButtonRef}
        type="button"
        className="menu-button"
        aria-expanded={isOpen}
        aria-controls={NAV_ID}
        onClick={() => setIsOpen((open) => !open)}
        onKeyDown={closeOnEscape}
      >
        <span className="menu-button__icon" aria-hidden="true" />
        Menu
      </button>
      <nav id={NAV_ID} aria-label="Main" className={isOpen ? 'main-nav is-open' : 'main-nav'} onKeyDown={closeOnEscape}>
        <ul className="main-nav__list">
          {NAV_ITEMS.map((item) => {
            const counted = countFor(item);
            return (
              <li key={item.path}>
                <NavLink
                  to={item.path}
                  end={item.path === '/dashboard'}
                  className="main-nav__link"
                  aria-label={counted?.name}
                  onClick={() => setIsOpen(false)}
                >
                  {item.label}
                  {counted !== null && (
                    <span className="nav-count" aria-hidden="true">
                      {counted.count.toLocaleString()}
                    </span>
                  )}
                </NavLink>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}
