import { formatMobile } from '../lib/formatMobile';
import { NoValue } from '../pages/NoValue';

interface MobileNumberProps {
  mobile: string | null;
  /** The server's reading of the number in the account's national format. */
  display?: string | null;
  /** Why texts cannot reach it, shown beside the number. */
  problem?: string | null;
}

/** Spaced for reading; plain text so it can be selected and copied. */
export function MobileNumber({ mobile, display = null, problem = null }: MobileNumberProps) {
  if (mobile === null) {
    return <NoValue />;
  }
  return (
    <>
      <span className="mobile-number" translate="no">
        {display ?? formatMobile(mobile)}
      </span>
      {problem !== null && <span className="mobile-number__problem">{problem}</span>}
    </>
  );
}
