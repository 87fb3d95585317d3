import { Link } from 'react-router';
import { SettingsSection } from '../components/SettingsSection';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { ActivityTable } from './ActivityTable';
import { ChangeEmailForm } from './ChangeEmailForm';
import { CloseAccountForm } from './CloseAccountForm';
import { OwnerAlertsSection } from './OwnerAlertsSection';
import { PasswordForm } from './PasswordForm';
import { PlanSummary } from './PlanSummary';
import { ProfileForm } from './ProfileForm';

export function SettingsPage() {
  const me = useMe();
  return (
    <Page title="Settings" intro="Your profile, alerts, plan, password, account activity, your data, and closing the account.">
      <div className="settings">
        <SettingsSection title="Profile">
          <ProfileForm me={me} />
          <EmailAddress email={me.email} pendingEmail={me.pendingEmail} />
          <ChangeEmailForm />
        </SettingsSection>
        <SettingsSection title="Owner alerts">
          <OwnerAlertsSection email={me.email} />
        </SettingsSection>
        <SettingsSection title="Plan">
          <PlanSummary me={me} />
        </SettingsSection>
        <SettingsSection title="Password">
          <PasswordForm />
        </SettingsSection>
        <SettingsSection title="Activity">
          <ActivityTable timeZone={me.timeZone} />
        </SettingsSection>
        <SettingsSection title="Your data">
          <p>
            See every kind of data we hold for your business, how long we keep it, and download a copy:{' '}
            <Link to="/data">Everything we hold</Link>.
          </p>
        </SettingsSection>
        <SettingsSection title="Close account" tone="danger">
          <CloseAccountForm />
        </SettingsSection>
      </div>
    </Page>
  );
}

function EmailAddress({ email, pendingEmail }: { email: string; pendingEmail: string | null }) {
  return (
    <dl className="fact-list email-address">
      <div>
        <dt>Email address</dt>
        <dd>{email}</dd>
      </div>
      {pendingEmail !== null && (
        <div>
          <dt>Waiting for confirmation</dt>
          <dd>
            {pendingEmail} — open the link we sent there to finish the change.
          </dd>
        </div>
      )}
    </dl>
  );
}
