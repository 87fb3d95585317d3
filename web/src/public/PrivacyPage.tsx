import { Link } from 'react-router';
import { Page } from '../pages/Page';

const CONTACT = 'privacy@clientreminders.example';

export function PrivacyPage() {
  return (
    <Page title="Privacy policy" documentTitle="Privacy policy and cookies">
      <p className="page-intro">
        Effective date: <time dateTime="2026-11-21">21 November 2026</time>
      </p>
      <article className="prose">
        <p>
          Client Reminders sends appointment reminders for small businesses. This policy explains what we keep about
          business owners who use it and about their clients, why, for how long, and what you can do about it.
        </p>

        <h2>Who we are</h2>
        <p>
          Client Reminders is the controller for the account data of business owners. For the data about their clients,
          each business is the controller and we process it on its behalf and only on its instructions. Write to us about
          anything in this policy at <a href={`mailto:${CONTACT}`}>{CONTACT}</a>.
        </p>

        <h2>What we keep about business owners</h2>
        <ul>
          <li>Your account details: business name, your name, email address, country and time zone, and your plan.</li>
          <li>
            Your password only as a salted PBKDF2 hash. We cannot read your password and nobody at Client Reminders can
            tell you what it is.
          </li>
          <li>
            Sign-in sessions and an activity log (sign-ins, password and email changes) with the time, IP address and
            browser, so you and we can spot misuse of your account.
          </li>
        </ul>

        <h2>What we keep about your clients</h2>
        <p>
          For each client we keep only their name, mobile number and email address. We use them only to send your
          reminders and the direct messages you write, never for anything else. They are encrypted at rest.
        </p>

        <h2>Calendars</h2>
        <p>
          When you connect a calendar we only read it, to find appointments to remind clients about; we never change
          it. We keep an appointment's title, description or location only if your settings include them in reminders.
        </p>

        <h2>How long we keep it</h2>
        <ul>
          <li>Reminders and messages are deleted 12 months after they were sent.</li>
          <li>Sign-in sessions and activity log entries are kept for 12 months.</li>
          <li>
            When you close your account, sending stops at once and all of its data, including your clients, is deleted
            within 7 days.
          </li>
        </ul>

        <h2>Your rights and where to use them</h2>
        <ul>
          <li>
            <strong>Access and export:</strong> see your details and activity in <Link to="/settings">Settings</Link>, and
            your clients in <Link to="/clients">Clients</Link>. For a copy of everything in a portable file, contact{' '}
            <Link to="/support">support</Link>.
          </li>
          <li>
            <strong>Correct:</strong> change your profile and email address in <Link to="/settings">Settings</Link>, and a
            client's details in <Link to="/clients">Clients</Link>.
          </li>
          <li>
            <strong>Delete:</strong> delete a client in <Link to="/clients">Clients</Link>, or close your whole account
            under “Close account” in <Link to="/settings">Settings</Link>.
          </li>
          <li>
            <strong>Restrict:</strong> ask us through <Link to="/support">support</Link> to stop using your data, apart
            from keeping it, while a question about it is settled.
          </li>
        </ul>
        <p>
          Clients of a business should ask that business first; we will help it answer. You can also complain to your
          data protection authority.
        </p>

        <h2>Who else sees the data</h2>
        <p>
          We do not sell or share personal data. The only other companies involved are processors working for us under
          contract: the SMS and email providers that deliver messages, and the cloud provider that hosts the service.
        </p>

        <h2>If something goes wrong</h2>
        <p>
          If a personal data breach puts your data at risk, we tell the affected businesses and the data protection
          authority within 72 hours of becoming aware of it.
        </p>

        <h2 id="cookies">Cookies</h2>
        <p>We use only the cookies the service cannot work without:</p>
        <ul>
          <li>
            <code>__Host-session</code> keeps you signed in. It ends when you sign out, or when the session expires.
          </li>
          <li>An anti-forgery cookie that stops other websites from sending requests in your name.</li>
        </ul>
        <p>
          There are no analytics, advertising or tracking cookies, and no third-party scripts. Because every cookie is
          essential, we do not show a cookie banner.
        </p>

        <h2>Changes</h2>
        <p>If we change this policy we update the date above, and we email account owners about any change that affects them.</p>
      </article>
    </Page>
  );
}
