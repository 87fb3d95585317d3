import { Page } from './Page';

export function DashboardPage() {
  return <Page title="Dashboard" intro="Today's appointments and the reminders due to go out will be summarised here." />;
}
