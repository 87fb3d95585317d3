import { Page } from './Page';

export function DashboardPage() {
  return <Page title="Dashboard" intro="Today's appointments and the reminders due to go out will be summarised here." />;
}

export function AppointmentsPage() {
  return (
    <Page
      title="Appointments"
      intro="Upcoming appointments from your connected calendars, and any you add by hand, will be listed here."
    />
  );
}

export function CalendarsPage() {
  return <Page title="Calendars" intro="You will connect your Outlook calendars here so appointments come in on their own." />;
}

export function RemindersPage() {
  return (
    <Page
      title="Reminders"
      intro="You will choose when reminders go out and write the SMS and email templates your clients receive here."
    />
  );
}

export function MessagesPage() {
  return <Page title="Messages" intro="Every reminder sent, and your clients' replies, will be listed here." />;
}
