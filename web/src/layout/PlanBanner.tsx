import { Link } from 'react-router';
import { useSession } from '../session/SessionProvider';
import { planNotice } from './planNotice';

/** On every signed-in page: a trial that has ended (nothing is sent), or an allowance running out. */
export function PlanBanner() {
  const { me } = useSession();
  const notice = me === null ? null : planNotice(me.plan);
  if (notice === null) {
    return null;
  }
  return (
    <section aria-label="Your plan" className={`plan-banner plan-banner--${notice.tone}`}>
      <p className="plan-banner__text">
        {notice.text} <Link to="/settings">See your plan</Link>
      </p>
    </section>
  );
}
