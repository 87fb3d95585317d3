import type { AppointmentStatus } from '../api/appointments';

export function AppointmentStatusTag({ status }: { status: AppointmentStatus }) {
  return status === 'cancelled' ? <span className="tag tag--cancelled">Cancelled</span> : <span className="tag tag--active">Scheduled</span>;
}
