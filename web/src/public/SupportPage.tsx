import { useState } from 'react';
import { Notice } from '../components/Notice';
import { Page } from '../pages/Page';
import { useSession } from '../session/SessionProvider';
import { SupportForm } from './SupportForm';

export function SupportPage() {
  const { me } = useSession();
  const [sent, setSent] = useState<string | null>(null);

  return (
    <Page title="Contact support" intro="Questions, problems or requests about your data: write to us and we will answer by email.">
      {sent !== null ? (
        <Notice role="status" tone="success">
          <p>{sent !== '' ? sent : 'Thank you. Your message has been sent.'}</p>
          <p>Your message was emailed to our support team and is not stored in Client Reminders.</p>
        </Notice>
      ) : (
        <SupportForm
          key={me?.id ?? 'signed-out'}
          initialName={me?.ownerName ?? ''}
          initialEmail={me?.email ?? ''}
          onSent={setSent}
        />
      )}
    </Page>
  );
}
