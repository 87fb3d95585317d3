import { useCallback, useEffect } from 'react';
import { getDashboard } from '../api/dashboard';
import { useApiData } from '../api/useApiData';
import { LoadProblem } from '../components/LoadProblem';
import { Page } from '../pages/Page';
import { useSession } from '../session/SessionProvider';
import { Agenda } from './Agenda';
import { DashboardCharts } from './DashboardCharts';
import { FirstRunChecklist } from './FirstRunChecklist';
import { NeedsAttentionPanel } from './NeedsAttentionPanel';

export function DashboardPage() {
  const { me, updated } = useSession();
  const load = useCallback((signal: AbortSignal) => getDashboard({ signal }), []);
  const { data, isLoading, error, reload } = useApiData(load, [load]);

  // The plan banner on every page reads the session; keep its usage as fresh as this page's.
  useEffect(() => {
    if (data !== null && me !== null && JSON.stringify(me.plan) !== JSON.stringify(data.plan)) {
      updated({ ...me, plan: data.plan });
    }
  }, [data, me, updated]);

  return (
    <Page title="Dashboard" intro="What is coming up, what needs you, and how your reminders are doing.">
      <LoadProblem message={error === null ? null : `The dashboard could not be loaded. ${error.message}`} onRetry={reload} />
      {data === null ? (
        isLoading && (
          <p role="status" className="muted">
            Loading your dashboard…
          </p>
        )
      ) : (
        <div className="dashboard">
          {data.checklist.show && me !== null && <FirstRunChecklist checklist={data.checklist} email={me.email} onChanged={reload} />}
          <NeedsAttentionPanel attention={data.attention} timeZone={me?.timeZone ?? 'UTC'} />
          <Agenda days={data.days} today={data.today} />
          <DashboardCharts dashboard={data} />
        </div>
      )}
    </Page>
  );
}
