import { Page } from './Page';

export function DashboardPage() {
  return <Page title="Dashboard" intro="Today's appointments and the reminders due to go out will be summarised here." />;
}

export function CalendarsPage() {
  return <Page title="Calendars" intro="You will connect your Outlook calendars here so appointments come in on their own." />;
}
