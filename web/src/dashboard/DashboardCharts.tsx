import type { Dashboard } from '../api/dashboard';
import { DailyChart } from '../components/DailyChart';
import { ShareChart } from './ShareChart';

function percent(part: number, whole: number): string {
  return whole === 0 ? 'none yet' : `${Math.round((part / whole) * 100)}%`;
}

/** Sent and delivered per day, how clients answered, and this month's usage against the plan. */
export function DashboardCharts({ dashboard }: { dashboard: Dashboard }) {
  const { confirmation, plan } = dashboard;
  return (
    <section aria-labelledby="charts-heading" className="card card--roomy dashboard-section">
      <h2 id="charts-heading">The last 30 days</h2>
      <div className="dashboard-charts">
        <div className="dashboard-charts__wide">
          <h3 className="dashboard-charts__title">Messages sent and delivered</h3>
          <DailyChart days={dashboard.daily} />
        </div>
        <ShareChart
          title={`Confirmation rate: ${percent(confirmation.confirmed, confirmation.reminded)}`}
          caption="How clients answered the reminders sent in the last 30 days"
          rows={[
            { label: 'Confirmed', value: confirmation.confirmed, of: confirmation.reminded, text: `${confirmation.confirmed} of ${confirmation.reminded} appointments reminded` },
            {
              label: 'Asked to cancel',
              value: confirmation.cancellationRequested,
              of: confirmation.reminded,
              text: `${confirmation.cancellationRequested} of ${confirmation.reminded} appointments reminded`,
            },
          ]}
        />
        <ShareChart
          title={`This month on the ${plan.name} plan`}
          caption="Messages used this month against the plan's allowance"
          rows={[
            { label: 'Text messages', value: plan.smsUsed, of: plan.smsAllowance, text: `${plan.smsUsed} of ${plan.smsAllowance} SMS segments` },
            { label: 'Emails', value: plan.emailUsed, of: plan.emailAllowance, text: `${plan.emailUsed} of ${plan.emailAllowance} emails` },
          ]}
        />
      </div>
    </section>
  );
}
