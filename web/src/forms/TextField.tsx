import type { ChangeEvent, HTMLInputAutoCompleteAttribute } from 'react';
import { FormField } from '../components/FormField';

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
  const fieldLabel = (
    <>
      {label}
      {!required && markOptional && <span className="field__optional"> (optional)</span>}
    </>
  );
  return (
    <FormField id={id} label={fieldLabel} hint={hint} errors={errors}>
      {(control) => {
        const shared = { ...control, name: id, value, required, className: 'field__input' } as const;
        return multiline ? (
          <textarea {...shared} rows={6} onChange={(event: ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)} />
        ) : (
          <input
            {...shared}
            type={type}
            autoComplete={autoComplete}
            spellCheck={type === 'text' ? undefined : false}
            onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
          />
        );
      }}
    </FormField>
  );
}
