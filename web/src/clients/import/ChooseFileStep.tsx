import { useCallback, useState } from 'react';
import { MAX_IMPORT_BYTES, previewImport, type ImportPreview } from '../../api/clients';
import { FormField } from '../../components/FormField';
import { ErrorSummary } from '../../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../../forms/formProblem';
import { useFormSubmit } from '../../forms/useFormSubmit';
import { formatFileSize } from './fileSize';

const FIELDS = { file: { id: 'import-file', label: 'CSV file' } };

export function tooLargeMessage(file: File): string {
  return `${file.name} is ${formatFileSize(file.size)}; files can be up to ${formatFileSize(MAX_IMPORT_BYTES)}. Split it into smaller files and import each one.`;
}

interface ChooseFileStepProps {
  file: File | null;
  onFileChosen: (file: File | null) => void;
  onPreviewed: (file: File, preview: ImportPreview) => void;
}

export function ChooseFileStep({ file, onFileChosen, onPreviewed }: ChooseFileStepProps) {
  const [sizeProblem, setSizeProblem] = useState<string | null>(null);

  const choose = (chosen: File | null) => {
    const tooLarge = chosen !== null && chosen.size > MAX_IMPORT_BYTES;
    setSizeProblem(tooLarge ? tooLargeMessage(chosen) : null);
    onFileChosen(tooLarge ? null : chosen);
  };
  const validate = useCallback(
    () => validationProblem({ file: sizeProblem ?? (file === null && 'Choose the CSV file with your clients.') }),
    [file, sizeProblem],
  );
  const submit = useCallback(async () => {
    if (file !== null) {
      onPreviewed(file, await previewImport(file));
    }
  }, [file, onPreviewed]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);
  const errors = sizeProblem !== null ? [sizeProblem] : errorsFor(problem, 'file');

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <p>
        Save your spreadsheet or contacts as CSV (comma-separated values) first. It needs a row of column headings, a column
        with each client’s name, and a column of mobile numbers or email addresses (or both). Up to 10 MB.
      </p>
      <p>
        <a href="/sample-clients.csv" download="sample-clients.csv">
          Download a sample CSV
        </a>{' '}
        <span className="muted">to see the layout, or to fill in and import.</span>
      </p>
      <FormField id={FIELDS.file.id} label={FIELDS.file.label} errors={errors} errorId="import-file-error" describedBy={[file !== null && 'import-file-chosen']}>
        {(control) => (
          <input
            {...control}
            name="file"
            type="file"
            accept=".csv,text/csv"
            className="file-input"
            onChange={(event) => choose(event.target.files?.[0] ?? null)}
          />
        )}
      </FormField>
      {file !== null && (
        <p id="import-file-chosen" className="chosen-file">
          Chosen: <strong>{file.name}</strong> ({formatFileSize(file.size)})
        </p>
      )}
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Reading the file…' : 'Continue'}
      </button>
    </form>
  );
}
