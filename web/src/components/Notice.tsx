import type { ReactNode, Ref } from 'react';

/** neutral: for information; success: something worked; error: something did not, or will not. */
export type NoticeTone = 'neutral' | 'success' | 'error';

export function noticeClass(tone: NoticeTone): string {
  return tone === 'neutral' ? 'notice' : `notice notice--${tone}`;
}

interface NoticeProps {
  tone?: NoticeTone;
  /** "status" is read out politely when it appears, "alert" at once; "note" is part of the page's content. */
  role?: 'status' | 'alert' | 'note';
  /** A paragraph for a sentence; a div (the default) for more. */
  as?: 'p' | 'div';
  /** Classes of its own beside the notice's. */
  className?: string;
  /** For a div that takes focus when it appears (with tabIndex -1). */
  ref?: Ref<HTMLDivElement>;
  tabIndex?: number;
  children: ReactNode;
}

/** A message set apart from the page: what happened, or what the owner needs to know before going on. */
export function Notice({ tone = 'neutral', role, as = 'div', className, ref, tabIndex, children }: NoticeProps) {
  const classes = className === undefined ? noticeClass(tone) : `${noticeClass(tone)} ${className}`;
  return as === 'p' ? (
    <p role={role} className={classes}>
      {children}
    </p>
  ) : (
    <div ref={ref} tabIndex={tabIndex} role={role} className={classes}>
      {children}
    </div>
  );
}
