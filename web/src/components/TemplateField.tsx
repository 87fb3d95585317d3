import type { Ref } from 'react';
import { FormField } from './FormField';

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
  return (
    <FormField id={id} label={label} hint={hint} errors={errors} describedBy={describedByIds}>
      {(control) => {
        const shared = { ...control, name: id, value, ref: inputRef, spellCheck: true, className: 'field__input template-field__input', onFocus } as const;
        return multiline ? (
          <textarea {...shared} rows={rows} onChange={(event) => onChange(event.target.value)} />
        ) : (
          <input {...shared} type="text" autoComplete="off" onChange={(event) => onChange(event.target.value)} />
        );
      }}
    </FormField>
  );
}
