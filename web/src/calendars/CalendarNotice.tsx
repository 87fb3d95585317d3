import { useEffect, useRef } from 'react';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';

/** A message after an action: good news is polite, a failure is an alert. */
export interface NoticeMessage {
  tone: 'success' | 'error';
  text: string;
}

export function successNotice(text: string): NoticeMessage {
  return { tone: 'success', text };
}

export function errorNotice(error: unknown): NoticeMessage {
  return { tone: 'error', text: error instanceof Error && error.message !== '' ? error.message : 'Something went wrong. Please try again.' };
}

/**
 * Always in the page, so each new message is announced; it takes focus when a new one arrives, because the control
 * that was used may have gone (a disconnected account, an answered review item).
 */
export function CalendarNotice({ notice }: { notice: NoticeMessage | null }) {
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
      <LiveNotice ref={statusRef} tabIndex={-1} message={success} />
      {notice?.tone === 'error' && (
        <Notice ref={alertRef} tabIndex={-1} role="alert" tone="error">
          <p>{notice.text}</p>
        </Notice>
      )}
    </>
  );
}
