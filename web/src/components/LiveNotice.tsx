import type { ReactNode, Ref } from 'react';
import { noticeClass, type NoticeTone } from './Notice';

interface LiveNoticeProps {
  /** Null for none; text is set in a paragraph, anything else as it is. */
  message: ReactNode;
  tone?: NoticeTone;
  /** For a region that takes focus when a message arrives (with tabIndex -1). */
  ref?: Ref<HTMLDivElement>;
  tabIndex?: number;
}

/** A polite live region that is always in the page, so each new message is announced; empty, it takes no room. */
export function LiveNotice({ message, tone = 'success', ref, tabIndex }: LiveNoticeProps) {
  return (
    <div ref={ref} tabIndex={tabIndex} role="status" className={message === null ? 'saved-notice' : `saved-notice ${noticeClass(tone)}`}>
      {typeof message === 'string' ? <p>{message}</p> : message}
    </div>
  );
}
