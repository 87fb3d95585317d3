import { ApiError, type FieldErrors } from '../api/client';

/** What went wrong with a form: one message for the summary and the messages for each field. */
export interface FormProblem {
  message: string;
  fieldErrors: FieldErrors;
}

export function problemFrom(error: unknown): FormProblem {
  if (error instanceof ApiError) {
    return { message: error.message, fieldErrors: error.fieldErrors };
  }
  return { message: 'Something went wrong. Please try again.', fieldErrors: {} };
}

/** Client-side checks, reported the same way as the API's. Returns null when nothing is wrong. */
export function validationProblem(checks: Record<string, string | null | false | undefined>): FormProblem | null {
  const fieldErrors: FieldErrors = {};
  for (const [field, message] of Object.entries(checks)) {
    if (typeof message === 'string') {
      fieldErrors[field] = [message];
    }
  }
  return Object.keys(fieldErrors).length === 0 ? null : { message: 'Please correct the highlighted fields.', fieldErrors };
}

export function errorsFor(problem: FormProblem | null, field: string): readonly string[] {
  return problem?.fieldErrors[field] ?? [];
}
