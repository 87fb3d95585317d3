import { statusText } from '../lib/reminderText';

export function ReminderStatusTag({ status }: { status: string }) {
  return <span className={`tag tag--reminder-${status}`}>{statusText(status)}</span>;
}
