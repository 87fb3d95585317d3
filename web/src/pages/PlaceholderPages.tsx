import { Page } from './Page';

export function CalendarsPage() {
  return <Page title="Calendars" intro="You will connect your Outlook calendars here so appointments come in on their own." />;
}
