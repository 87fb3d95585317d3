import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface ConfirmStepProps {
  /** Opens the confirmation, e.g. "Delete this client…". */
  startLabel: string;
  /** The question asked before doing it. */
  question: string;
  confirmLabel: string;
  busyLabel: string;
  /** Closes the question without doing it; "Cancel" unless that would be confusing, e.g. when cancelling an appointment. */
  dismissLabel?: string;
  /** Said after the start label to screen readers, when several such buttons share a page. */
  startContext?: string;
  onConfirm: () => Promise<void>;
  children?: ReactNode;
}

/** A destructive action asks once more, in place; focus moves to the question and back to the button on cancel. */
export function ConfirmStep({
  startLabel,
  question,
  confirmLabel,
  busyLabel,
  dismissLabel = 'Cancel',
  startContext,
  onConfirm,
  children,
}: ConfirmStepProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const questionId = useId();
  const questionRef = useRef<HTMLParagraphElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (isOpen) {
      questionRef.current?.focus();
    } else if (wasOpen.current) {
      startRef.current?.focus();
    }
    wasOpen.current = isOpen;
  }, [isOpen]);

  const confirm = async () => {
    setIsBusy(true);
    try {
      await onConfirm();
    } finally {
      setIsBusy(false);
      setIsOpen(false);
    }
  };

  if (!isOpen) {
    return (
      <button ref={startRef} type="button" className="button button--danger" onClick={() => setIsOpen(true)}>
        {startLabel}
        {startContext !== undefined && <span className="visually-hidden"> {startContext}</span>}
      </button>
    );
  }
  return (
    <div
      role="group"
      aria-labelledby={questionId}
      className="confirm-step"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !isBusy) {
          setIsOpen(false);
        }
      }}
    >
      <p id={questionId} ref={questionRef} tabIndex={-1} className="confirm-step__question">
        {question}
      </p>
      {children}
      <div className="confirm-step__buttons">
        <button type="button" className="button button--danger" disabled={isBusy} onClick={() => void confirm()}>
          {isBusy ? busyLabel : confirmLabel}
        </button>
        <button type="button" className="button button--secondary" disabled={isBusy} onClick={() => setIsOpen(false)}>
          {dismissLabel}
        </button>
      </div>
    </div>
  );
}
