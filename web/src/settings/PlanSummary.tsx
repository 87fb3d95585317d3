import type { Me } from '../api/account';
import { formatInstant } from '../lib/formatInstant';

export function PlanSummary({ me }: { me: Me }) {
  const { plan } = me;
  const isTrial = plan.code === 'trial';
  return (
    <dl className="fact-list">
      <div>
        <dt>Plan</dt>
        <dd>{plan.name}</dd>
      </div>
      {plan.endsAt !== null && (
        <div>
          <dt>{isTrial ? 'Trial ends' : 'Renews or ends'}</dt>
          <dd>
            <time dateTime={plan.endsAt}>{formatInstant(plan.endsAt, me.timeZone, 'date')}</time>
          </dd>
        </div>
      )}
      <div>
        <dt>Text messages this period</dt>
        <dd>
          <p className="usage__text">
            {plan.smsUsed} of {plan.smsAllowance} used
          </p>
          <progress
            className="usage__bar"
            max={Math.max(plan.smsAllowance, 1)}
            value={Math.min(plan.smsUsed, Math.max(plan.smsAllowance, 1))}
            aria-label={`Text messages used: ${plan.smsUsed} of ${plan.smsAllowance}`}
          />
        </dd>
      </div>
    </dl>
  );
}
