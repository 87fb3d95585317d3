import { Link } from 'react-router';
import { Notice } from '../components/Notice';
import { Page } from '../pages/Page';

export function AccountClosedPage() {
  return (
    <Page title="Your account is closed" intro="Thank you for using Client Reminders.">
      <Notice role="status" tone="success">
        <p>Your account has been closed and you have been signed out.</p>
      </Notice>
      <ul className="plain-list">
        <li>Sending stopped at once: no reminders or messages will go out to your clients from now on.</li>
        <li>All of your data — your account, your clients, appointments, reminders and messages — is deleted within 7 days.</li>
        <li>We have sent an email to confirm that the account is closed.</li>
      </ul>
      <p>
        Questions? <Link to="/support">Contact support</Link>. You are welcome back any time: <Link to="/signup">start a new trial</Link>.
      </p>
    </Page>
  );
}
