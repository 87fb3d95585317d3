import { NoValue } from '../pages/NoValue';
import { formatMobile } from './formatMobile';

/** Spaced for reading; plain text so it can be selected and copied. */
export function MobileNumber({ mobile }: { mobile: string | null }) {
  return mobile === null ? <NoValue /> : <span className="mobile-number" translate="no">{formatMobile(mobile)}</span>;
}
