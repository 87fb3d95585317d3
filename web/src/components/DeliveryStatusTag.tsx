import type { DeliveryStatus } from '../api/reminders';

const DELIVERY_TEXT: Record<DeliveryStatus, string> = {
  delivered: 'Delivered',
  failed: 'Not delivered',
  blocked: 'Blocked by the network',
};

/** What the provider reported after a reminder was sent. */
export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  return <span className={`tag tag--delivery-${status}`}>{DELIVERY_TEXT[status]}</span>;
}
