import { useState } from 'react';
import { startMicrosoftConnect } from '../api/calendars';
import { errorNotice, type NoticeMessage } from './CalendarNotice';
import { leaveForMicrosoft } from './leaveForMicrosoft';

interface ConnectMicrosoftButtonProps {
  label: string;
  /** Renews this connection's sign-in instead of adding a new one. */
  reconnectId?: string;
  context?: string;
  secondary?: boolean;
  onProblem: (notice: NoticeMessage) => void;
}

export function ConnectMicrosoftButton({ label, reconnectId, context, secondary = false, onProblem }: ConnectMicrosoftButtonProps) {
  const [isBusy, setIsBusy] = useState(false);

  const connect = async () => {
    setIsBusy(true);
    try {
      leaveForMicrosoft(await startMicrosoftConnect(reconnectId));
    } catch (error) {
      setIsBusy(false);
      onProblem(errorNotice(error));
    }
  };

  return (
    <button type="button" className={secondary ? 'button button--secondary' : 'button'} disabled={isBusy} onClick={() => void connect()}>
      {isBusy ? 'Opening Microsoft sign-in…' : label}
      {context !== undefined && <span className="visually-hidden"> {context}</span>}
    </button>
  );
}
