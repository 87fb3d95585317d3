import type { Ref } from 'react';
import { describedBy, FieldErrorMessages, FieldHint } from '../forms/FieldMessages';

interface TemplateFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onFocus?: () => void;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
  multiline?: boolean;
  rows?: number;
  hint?: string;
  errors?: readonly string[];
  /** More descriptions, e.g. the SMS counter and the live problems. */
  describedByIds?: readonly string[];
}

/** A template's text field; it keeps a ref so placeholders can be inserted at the cursor. */
export function TemplateField({ id, label, value, onChange, onFocus, inputRef, multiline = true, rows = 6, hint, errors = [], describedByIds = [] }: TemplateFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const shared = {
    id,
    name: id,
    value,
    ref: inputRef,
    spellCheck: true,
    'aria-invalid': errors.length > 0 ? true : undefined,
    'aria-describedby': describedBy(hint !== undefined && hintId, errors.length > 0 && errorId, ...describedByIds),
    className: 'field__input template-field__input',
    onFocus,
  } as const;
  return (
    <div className={errors.length > 0 ? 'field field--invalid' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <FieldHint id={hintId} hint={hint} />
      <FieldErrorMessages id={errorId} errors={errors} />
      {multiline ? (
        <textarea {...shared} rows={rows} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...shared} type="text" autoComplete="off" onChange={(event) => onChange(event.target.value)} />
      )}
    </div>
  );
}
