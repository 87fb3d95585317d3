import { useId, type ReactNode } from 'react';

export function SettingsSection({ title, tone, children }: { title: string; tone?: 'danger'; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={tone === 'danger' ? 'card card--roomy settings-section settings-section--danger' : 'card card--roomy settings-section'}>
      <h2 id={headingId} className="section-heading">
        {title}
      </h2>
      {children}
    </section>
  );
}
