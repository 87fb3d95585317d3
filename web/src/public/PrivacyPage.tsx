import { Link } from 'react-router';
import { Page } from '../pages/Page';

const CONTACT = 'privacy@clientreminders.example';

export function PrivacyPage() {
  return (
    <Page title="Privacy policy" documentTitle="Privacy policy and cookies">
      <p className="page-intro">
        Effective date: <time dateTime="2026-12-03">3 December 2026</time>
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
          For each client we keep only their name, mobile number and email address, and whether they have opted out of
          messages. We use them only to send your reminders and the direct messages you write, never for anything else.
        </p>

        <h2>Appointments, messages and calendars</h2>
        <ul>
          <li>
            Each appointment's time, client and, as typed in or read from your calendar, its title, location and your notes.
            Titles and locations are kept even when your reminders leave them out, so that you see them in the app; a
            calendar event's description is never kept.
          </li>
          <li>The reminders and messages sent, with their delivery status, and the replies your clients send.</li>
          <li>
            When you connect a calendar we only read it, to find appointments to remind clients about; we never change
            it. For Outlook we keep the permission Microsoft gives us; for a calendar added by its address, the address.
          </li>
        </ul>

        <h2>Encrypted, with a key for each business</h2>
        <p>
          All data is encrypted on disk by the cloud provider. On top of that, the most sensitive fields are encrypted by
          us with a key of your business's own, itself protected by a master key kept apart from the data: your clients'
          names, mobile numbers and email addresses, appointment titles, locations and notes, your clients' replies,
          spreadsheets uploaded for import (until they are imported), calendar addresses and the permissions to read your calendars. Passwords are never stored at
          all, only a salted hash.
        </p>

        <h2>How long we keep it</h2>
        <ul>
          <li>Reminders and messages are deleted 12 months after they were sent, and replies 12 months after they came in.</li>
          <li>Sign-in sessions and activity log entries are kept for 12 months.</li>
          <li>
            When you close your account, sending stops at once and all of its data, including your clients, is deleted
            within 7 days.
          </li>
        </ul>
        <p>
          Signed in, <Link to="/data">Everything we hold</Link> lists every kind of data kept for your business, how much
          of it there is, and how long each is kept.
        </p>

        <h2>Your rights, all of them self-service</h2>
        <ul>
          <li>
            <strong>Access and export:</strong> download everything we hold for your business, whenever you like, as JSON
            or as CSV files from <Link to="/data">Everything we hold</Link>; see your activity log in{' '}
            <Link to="/settings">Settings</Link>.
          </li>
          <li>
            <strong>Correct:</strong> change your profile and email address in <Link to="/settings">Settings</Link>, and a
            client's details on their page in <Link to="/clients">Clients</Link>.
          </li>
          <li>
            <strong>Restrict:</strong> restrict a client on their page so nothing is sent to them while their data stays.
          </li>
          <li>
            <strong>Delete:</strong> delete or anonymise a client on their page, or close your whole account under “Close
            account” in <Link to="/settings">Settings</Link>.
          </li>
        </ul>
        <p>
          Clients of a business should ask that business first; it can do all of the above itself, and we will help it
          answer. You can also complain to your data protection authority.
        </p>

        <h2>Who else sees the data</h2>
        <p>We do not sell or share personal data. The only other companies involved are our sub-processors, under contract:</p>
        <ul>
          <li>
            <strong>Microsoft Azure</strong> hosts the service and stores its data (Azure Functions, Storage and Static Web
            Apps).
          </li>
          <li>
            <strong>Azure Communication Services</strong>, also Microsoft, delivers the text messages and emails, and passes
            on your clients' replies.
          </li>
          <li>
            <strong>Microsoft Graph</strong> is how we read the Outlook calendars you connect; nothing is sent to it but the
            requests to read them.
          </li>
        </ul>

        <h2>Data-processing agreement</h2>
        <p>
          For the data about your clients we are your processor. A data-processing agreement setting out what we do with it,
          the sub-processors above, and our security measures is available to every business: ask for it at{' '}
          <a href={`mailto:${CONTACT}`}>{CONTACT}</a> or through <Link to="/support">support</Link>.
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
