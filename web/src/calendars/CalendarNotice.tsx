import { useEffect, useRef } from 'react';

/** A message after an action: good news is polite, a failure is an alert. */
export interface Notice {
  tone: 'success' | 'error';
  text: string;
}

export function successNotice(text: string): Notice {
  return { tone: 'success', text };
}

export function errorNotice(error: unknown): Notice {
  return { tone: 'error', text: error instanceof Error && error.message !== '' ? error.message : 'Something went wrong. Please try again.' };
}

/**
 * Always in the page, so each new message is announced; it takes focus when a new one arrives, because the control
 * that was used may have gone (a disconnected account, an answered review item).
 */
export function CalendarNotice({ notice }: { notice: Notice | null }) {
  const statusRef = useRef<HTMLDivElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (notice !== null) {
      (notice.tone === 'error' ? alertRef : statusRef).current?.focus();
    }
  }, [notice]);

  const success = notice?.tone === 'success' ? notice.text : null;
  return (
    <>
      <div ref={statusRef} tabIndex={-1} role="status" className={success === null ? 'saved-notice' : 'saved-notice notice notice--success'}>
        {success !== null && <p>{success}</p>}
      </div>
      {notice?.tone === 'error' && (
        <div ref={alertRef} tabIndex={-1} role="alert" className="notice notice--error">
          <p>{notice.text}</p>
        </div>
      )}
    </>
  );
}
