import { useCallback, useMemo, useState } from 'react';
import type { ColumnMapping, ImportPreview } from '../../api/clients';
import { ErrorSummary } from '../../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../../forms/formProblem';
import { SelectField } from '../../forms/SelectField';
import { useFormSubmit } from '../../forms/useFormSubmit';
import { choiceFrom, columnOptions, mappingFrom, NAME_PARTS, NO_COLUMN, type MappingChoice } from './columnMapping';
import { SampleRows } from './SampleRows';

const NAME_PART_LABELS = ['Name column', 'Second name column', 'Third name column'];
const FIELDS = {
  name: { id: 'map-name-0', label: NAME_PART_LABELS[0] ?? 'Name column' },
  mobile: { id: 'map-mobile', label: 'Mobile number column' },
  email: { id: 'map-email', label: 'Email address column' },
};
const NEED_CONTACT = 'Choose the column with mobile numbers, the one with email addresses, or both.';

interface MapColumnsStepProps {
  preview: ImportPreview;
  mapping: ColumnMapping;
  onBack: () => void;
  onContinue: (mapping: ColumnMapping) => void;
}

export function MapColumnsStep({ preview, mapping, onBack, onContinue }: MapColumnsStepProps) {
  const [choice, setChoice] = useState<MappingChoice>(() => choiceFrom(mapping));
  const options = useMemo(() => columnOptions(preview.headers, 'Not in this file'), [preview.headers]);
  const nameOptions = useMemo(() => columnOptions(preview.headers, 'None'), [preview.headers]);

  const validate = useCallback(() => {
    const noContact = choice.mobile === NO_COLUMN && choice.email === NO_COLUMN;
    return validationProblem({
      name: choice.name.every((column) => column === NO_COLUMN) && 'Choose the column (or columns) with your clients’ names.',
      mobile: noContact && NEED_CONTACT,
      email: noContact && NEED_CONTACT,
    });
  }, [choice]);
  const submit = useCallback(async () => onContinue(mappingFrom(choice)), [choice, onContinue]);
  const { problem, onSubmit } = useFormSubmit(submit, validate);
  const setNamePart = (part: number, value: string) =>
    setChoice((current) => ({ ...current, name: current.name.map((column, index) => (index === part ? value : column)) }));

  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <p>Tell us which column holds what. We have guessed from the headings; check the first rows of your file below.</p>
      <SampleRows headers={preview.headers} rows={preview.sampleRows} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Name</legend>
        <p className="field__hint">
          The column with each client’s full name, or up to three columns (such as first and last name) that we join with spaces.
        </p>
        {Array.from({ length: NAME_PARTS }, (_, part) => (
          <SelectField
            key={part}
            id={`map-name-${part}`}
            label={NAME_PART_LABELS[part] ?? `Name column ${part + 1}`}
            value={choice.name[part] ?? NO_COLUMN}
            options={nameOptions}
            onChange={(value) => setNamePart(part, value)}
            required={part === 0}
            errors={part === 0 ? errorsFor(problem, 'name') : []}
          />
        ))}
      </fieldset>
      <SelectField
        {...FIELDS.mobile}
        required={false}
        value={choice.mobile}
        options={options}
        onChange={(mobile) => setChoice((current) => ({ ...current, mobile }))}
        errors={errorsFor(problem, 'mobile')}
      />
      <SelectField
        {...FIELDS.email}
        required={false}
        value={choice.email}
        options={options}
        onChange={(email) => setChoice((current) => ({ ...current, email }))}
        errors={errorsFor(problem, 'email')}
      />
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="button">
          Continue
        </button>
      </div>
    </form>
  );
}
