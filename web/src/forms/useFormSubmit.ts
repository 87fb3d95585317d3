import { useCallback, useRef, useState, type FormEvent } from 'react';
import { problemFrom, type FormProblem } from './formProblem';

/**
 * Runs a form's submit action once at a time and keeps what went wrong.
 * `validate` runs first; a problem it returns is shown without calling the server.
 */
export function useFormSubmit(action: () => Promise<void>, validate: () => FormProblem | null = () => null) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const busy = useRef(false);

  const onSubmit = useCallback(
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (busy.current) {
        return;
      }
      const invalid = validate();
      if (invalid !== null) {
        setProblem(invalid);
        return;
      }
      busy.current = true;
      setIsSubmitting(true);
      setProblem(null);
      try {
        await action();
      } catch (error) {
        setProblem(problemFrom(error));
      } finally {
        busy.current = false;
        setIsSubmitting(false);
      }
    },
    [action, validate],
  );

  return { problem, isSubmitting, onSubmit: (event: FormEvent<HTMLFormElement>) => void onSubmit(event), setProblem };
}
