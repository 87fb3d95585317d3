import type { AppointmentResponse } from '../api/appointments';

const RESPONSE_TEXT: Record<AppointmentResponse, string> = {
  confirmed: 'Confirmed',
  'cancellation-requested': 'Wants to cancel',
  'rearrange-requested': 'Needs to rearrange',
};

/** What the client replied to a reminder; nothing when they have not. */
export function AppointmentResponseTag({ response }: { response: AppointmentResponse | null }) {
  return response === null ? null : <span className={`tag tag--response-${response}`}>{RESPONSE_TEXT[response]}</span>;
}
