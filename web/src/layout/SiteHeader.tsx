import { useState } from 'react';
import { Link } from 'react-router';
import { AccountBar } from './AccountBar';
import { MainNav } from './MainNav';

/** One row on a desktop; on a phone the links and the account sit behind the menu button (CSS decides when it shows). */
export function SiteHeader() {
  const [isMenuOpen, setIsMenuOpen] = useState(false);
  return (
    <header className="site-header">
      <div className={isMenuOpen ? 'site-header__bar is-menu-open' : 'site-header__bar'}>
        <Link to="/dashboard" className="brand">
          Client Reminders
        </Link>
        <MainNav isOpen={isMenuOpen} setIsOpen={setIsMenuOpen} />
        <AccountBar />
      </div>
    </header>
  );
}
