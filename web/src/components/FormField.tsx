import type { ReactNode } from 'react';
import { describedBy, FieldErrorMessages, FieldHint } from '../forms/FieldMessages';

/** What the control in a FormField is given, so its label, hint and errors belong to it for a screen reader. */
export interface FieldControl {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FormFieldProps {
  id: string;
  label: ReactNode;
  hint?: string | undefined;
  errors?: readonly string[];
  /** `${id}-hint` and `${id}-error` unless given. */
  hintId?: string;
  errorId?: string;
  /** Ids of more text that describes the control, read after the hint and errors. */
  describedBy?: readonly (string | false | null | undefined)[];
  /** Shown as invalid though its message is elsewhere, e.g. under the legend of the fieldset around it. */
  invalid?: boolean;
  children: (control: FieldControl) => ReactNode;
}

/** A label, its hint and errors, and the control they belong to. */
export function FormField({
  id,
  label,
  hint,
  errors = [],
  hintId = `${id}-hint`,
  errorId = `${id}-error`,
  describedBy: more = [],
  invalid = errors.length > 0,
  children,
}: FormFieldProps) {
  const control: FieldControl = {
    id,
    'aria-invalid': invalid ? true : undefined,
    'aria-describedby': describedBy(hint !== undefined && hintId, errors.length > 0 && errorId, ...more),
  };
  return (
    <div className={invalid ? 'field field--invalid' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <FieldHint id={hintId} hint={hint} />
      <FieldErrorMessages id={errorId} errors={errors} />
      {children(control)}
    </div>
  );
}
