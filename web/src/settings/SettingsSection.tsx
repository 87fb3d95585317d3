import { useId, type ReactNode } from 'react';

export function SettingsSection({ title, tone, children }: { title: string; tone?: 'danger'; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={tone === 'danger' ? 'settings-section settings-section--danger' : 'settings-section'}>
      <h2 id={headingId} className="section-heading">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A polite live region that is always in the page, so each new confirmation is announced. */
export function SavedNotice({ message }: { message: string | null }) {
  return (
    <div role="status" className={message === null ? 'saved-notice' : 'saved-notice notice notice--success'}>
      {message !== null && <p>{message}</p>}
    </div>
  );
}
