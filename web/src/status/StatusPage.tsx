import { Page } from '../pages/Page';
import { HealthCheckList } from './HealthCheckList';
import { OverallHealth } from './OverallHealth';
import { HEALTH_REFRESH_MS, useHealthReport, type HealthState } from './useHealthReport';

export function StatusPage() {
  const { state, isChecking, checkNow } = useHealthReport();
  return (
    <Page
      title="Status"
      intro={`Whether Client Reminders and the services it relies on are working. This page checks again every ${HEALTH_REFRESH_MS / 1000} seconds.`}
    >
      <OverallHealth state={state} />
      <div className="status-actions">
        <button type="button" className="button" onClick={checkNow}>
          Check now
        </button>
        <LastChecked state={state} isChecking={isChecking} />
      </div>
      {state.kind === 'reported' && (
        <>
          <dl className="facts">
            <dt>API version</dt>
            <dd>{state.report.version}</dd>
          </dl>
          <HealthCheckList checks={state.report.checks} />
        </>
      )}
    </Page>
  );
}

function LastChecked({ state, isChecking }: { state: HealthState; isChecking: boolean }) {
  if (isChecking) {
    return <p className="last-checked">Checking…</p>;
  }
  if (state.kind === 'first-check') {
    return null;
  }
  return (
    <p className="last-checked">
      Last checked at <time dateTime={state.checkedAt.toISOString()}>{state.checkedAt.toLocaleTimeString()}</time>
    </p>
  );
}
