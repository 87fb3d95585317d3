import { useCallback, useState } from 'react';
import { ApiError } from '../../api/client';
import { startImport, type ColumnMapping, type ImportPreview } from '../../api/clients';
import { ErrorSummary } from '../../forms/ErrorSummary';
import { describedBy, FieldErrorMessages } from '../../forms/FieldMessages';
import { errorsFor, validationProblem } from '../../forms/formProblem';
import { useFormSubmit } from '../../forms/useFormSubmit';
import { tooLargeMessage } from './ChooseFileStep';
import { describeColumns } from './columnMapping';

export const CONSENT_STATEMENT =
  'I confirm these clients agreed to receive appointment reminders by SMS and/or email (and occasional direct messages from me), and that their details are correct to the best of my knowledge.';

const FIELDS = { consent: { id: 'import-consent', label: 'Confirmation' } };

interface ConsentStepProps {
  file: File;
  preview: ImportPreview;
  mapping: ColumnMapping;
  onBack: () => void;
  onStarted: (importId: string) => void;
}

export function ConsentStep({ file, preview, mapping, onBack, onStarted }: ConsentStepProps) {
  const [consent, setConsent] = useState(false);
  const validate = useCallback(
    () => validationProblem({ consent: !consent && 'Tick the box to confirm your clients agreed to receive reminders.' }),
    [consent],
  );
  const submit = useCallback(async () => {
    try {
      onStarted(await startImport(file, mapping));
    } catch (error) {
      if (error instanceof ApiError && error.status === 413) {
        throw new ApiError(tooLargeMessage(file), 413, 'http');
      }
      throw error;
    }
  }, [file, mapping, onStarted]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);
  const errors = errorsFor(problem, 'consent');

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <dl className="fact-list">
        <div>
          <dt>File</dt>
          <dd>{file.name}</dd>
        </div>
        <div>
          <dt>Name from</dt>
          <dd>{describeColumns(preview.headers, mapping.name)}</dd>
        </div>
        <div>
          <dt>Mobile number from</dt>
          <dd>{mapping.mobile === null ? 'Not in this file' : describeColumns(preview.headers, [mapping.mobile])}</dd>
        </div>
        <div>
          <dt>Email address from</dt>
          <dd>{mapping.email === null ? 'Not in this file' : describeColumns(preview.headers, [mapping.email])}</dd>
        </div>
      </dl>
      <div className={errors.length > 0 ? 'field field--invalid' : 'field'}>
        <FieldErrorMessages id="import-consent-error" errors={errors} />
        <div className="checkbox checkbox--statement">
          <input
            id={FIELDS.consent.id}
            type="checkbox"
            checked={consent}
            required
            aria-invalid={errors.length > 0 ? true : undefined}
            aria-describedby={describedBy('import-consent-record', errors.length > 0 && 'import-consent-error')}
            onChange={(event) => setConsent(event.target.checked)}
          />
          <label htmlFor={FIELDS.consent.id}>{CONSENT_STATEMENT}</label>
        </div>
        <p id="import-consent-record" className="field__hint">
          We record this confirmation with the time and this import.
        </p>
      </div>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={onBack} disabled={isSubmitting}>
          Back
        </button>
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Uploading…' : 'Start import'}
        </button>
      </div>
    </form>
  );
}
