import { useEffect, type ReactNode } from 'react';

interface PageProps {
  title: string;
  intro?: string;
  /** The document title, when it should say more than the heading. */
  documentTitle?: string;
  children?: ReactNode;
}

export function Page({ title, intro, documentTitle, children }: PageProps) {
  useEffect(() => {
    document.title = `${documentTitle ?? title} · Client Reminders`;
  }, [title, documentTitle]);

  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      {intro !== undefined && <p className="page-intro">{intro}</p>}
      {children}
    </>
  );
}
