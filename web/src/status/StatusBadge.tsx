import type { HealthStatus } from '../api/health';

export function StatusBadge({ status }: { status: HealthStatus }) {
  return (
    <span className={status === 'Healthy' ? 'badge badge--healthy' : 'badge badge--unhealthy'}>
      <span className="badge__dot" aria-hidden="true" />
      {status}
    </span>
  );
}
