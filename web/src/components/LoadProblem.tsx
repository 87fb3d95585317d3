import { Notice } from './Notice';

interface LoadProblemProps {
  /** Nothing is shown while it is null. */
  message: string | null;
  /** Left out when trying again cannot help (say, a link that is no longer valid). */
  onRetry?: (() => void) | undefined;
}

/** A load that failed, with a way to try again. */
export function LoadProblem({ message, onRetry }: LoadProblemProps) {
  if (message === null) {
    return null;
  }
  return (
    <Notice role="alert" tone="error">
      <p>{message}</p>
      {onRetry !== undefined && (
        <p>
          <button type="button" className="button button--secondary" onClick={onRetry}>
            Try again
          </button>
        </p>
      )}
    </Notice>
  );
}
