import { useEffect, type ReactNode } from 'react';

interface PageProps {
  title: string;
  intro: string;
  children?: ReactNode;
}

export function Page({ title, intro, children }: PageProps) {
  useEffect(() => {
    document.title = `${title} · Client Reminders`;
  }, [title]);

  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <p className="page-intro">{intro}</p>
      {children}
    </>
  );
}
