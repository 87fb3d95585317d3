/** A load that failed, with a way to try again. */
export function LoadProblem({ message, onRetry }: { message: string | null; onRetry: () => void }) {
  if (message === null) {
    return null;
  }
  return (
    <div className="notice notice--error" role="alert">
      <p>{message}</p>
      <p>
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      </p>
    </div>
  );
}
