import { useId } from 'react';
import type { HealthCheck } from '../api/health';
import { StatusBadge } from './StatusBadge';

// A list of small cards rather than a table: error messages stay readable at 360 px.
export function HealthCheckList({ checks }: { checks: readonly HealthCheck[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="section-heading">
        Dependency checks
      </h2>
      {checks.length === 0 ? (
        <p>The API reported no dependency checks.</p>
      ) : (
        <ul className="health-checks">
          {checks.map((check) => (
            <HealthCheckCard key={check.name} check={check} />
          ))}
        </ul>
      )}
    </section>
  );
}

function HealthCheckCard({ check }: { check: HealthCheck }) {
  return (
    <li className={check.status === 'Healthy' ? 'card card--roomy health-check' : 'card card--roomy health-check health-check--unhealthy'}>
      <h3 className="health-check__name">{check.name}</h3>
      <dl className="health-check__facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={check.status} />
          </dd>
        </div>
        <div>
          <dt>Time taken</dt>
          <dd>{formatDuration(check.durationMs)}</dd>
        </div>
        {check.error !== null && (
          <div>
            <dt>Error</dt>
            <dd className="health-check__error">{check.error}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}

export function formatDuration(durationMs: number): string {
  return durationMs < 1000 ? `${Math.round(durationMs)} ms` : `${(durationMs / 1000).toFixed(1)} s`;
}
