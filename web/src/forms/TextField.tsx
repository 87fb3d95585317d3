import type { ChangeEvent, HTMLInputAutoCompleteAttribute } from 'react';
import { describedBy, FieldErrorMessages, FieldHint } from './FieldMessages';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'date' | 'time';
  autoComplete?: HTMLInputAutoCompleteAttribute;
  hint?: string;
  errors?: readonly string[];
  required?: boolean;
  multiline?: boolean;
  /** Say "(optional)" after the label of a field that is not required; off when the hint explains a choice between fields. */
  markOptional?: boolean;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  type = 'text',
  autoComplete,
  hint,
  errors = [],
  required = true,
  multiline = false,
  markOptional = true,
}: TextFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const shared = {
    id,
    name: id,
    value,
    required,
    'aria-invalid': errors.length > 0 ? true : undefined,
    'aria-describedby': describedBy(hint !== undefined && hintId, errors.length > 0 && errorId),
    className: 'field__input',
  } as const;
  return (
    <div className={errors.length > 0 ? 'field field--invalid' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
        {!required && markOptional && <span className="field__optional"> (optional)</span>}
      </label>
      <FieldHint id={hintId} hint={hint} />
      <FieldErrorMessages id={errorId} errors={errors} />
      {multiline ? (
        <textarea {...shared} rows={6} onChange={(event: ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)} />
      ) : (
        <input
          {...shared}
          type={type}
          autoComplete={autoComplete}
          spellCheck={type === 'text' ? undefined : false}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        />
      )}
    </div>
  );
}
