import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ColumnMapping, ImportPreview } from '../../api/clients';
import { LoadProblem } from '../../components/LoadProblem';
import { Notice } from '../../components/Notice';
import { Page } from '../../pages/Page';
import { ChooseFileStep } from './ChooseFileStep';
import { ConsentStep } from './ConsentStep';
import { ImportProgress } from './ImportProgress';
import { ImportReport } from './ImportReport';
import { MapColumnsStep } from './MapColumnsStep';
import { ImportSteps, STEP_HEADING_ID, StepHeading } from './StepHeading';
import { useImportStatus } from './useImportStatus';

type Setup =
  | { step: 'file' }
  | { step: 'mapping'; file: File; preview: ImportPreview; mapping: ColumnMapping }
  | { step: 'consent'; file: File; preview: ImportPreview; mapping: ColumnMapping };

/** Steps 1–3 live in this page's state; once started, the import's id is in the address so a reload finds it again. */
export function ImportClientsPage() {
  const [params, setParams] = useSearchParams();
  const importId = params.get('import');
  const [file, setFile] = useState<File | null>(null);
  const [setup, setSetup] = useState<Setup>({ step: 'file' });
  // Once the owner has moved between steps, each new step's heading takes focus; not on first arriving.
  const [moved, setMoved] = useState(false);

  const go = useCallback((next: Setup) => {
    setMoved(true);
    setSetup(next);
  }, []);
  const previewed = useCallback(
    (chosen: File, preview: ImportPreview) => go({ step: 'mapping', file: chosen, preview, mapping: preview.suggestedMapping }),
    [go],
  );
  const started = useCallback(
    (id: string) => {
      setMoved(true);
      setParams({ import: id });
    },
    [setParams],
  );
  const startAgain = useCallback(() => {
    setMoved(true);
    setFile(null);
    setSetup({ step: 'file' });
    setParams({});
  }, [setParams]);

  return (
    <Page title="Import clients from CSV" documentTitle="Import clients">
      <p>
        <Link to="/clients">Back to clients</Link>
      </p>
      {importId !== null ? (
        <RunningImport importId={importId} takeFocus={moved} onImportAnother={startAgain} />
      ) : (
        <section aria-labelledby={STEP_HEADING_ID} className="import-wizard">
          <ImportSteps current={stepNumber(setup.step)} />
          <StepHeading key={setup.step} step={stepNumber(setup.step)} takeFocus={moved} />
          {setup.step === 'file' && <ChooseFileStep file={file} onFileChosen={setFile} onPreviewed={previewed} />}
          {setup.step === 'mapping' && (
            <MapColumnsStep
              preview={setup.preview}
              mapping={setup.mapping}
              onBack={() => go({ step: 'file' })}
              onContinue={(mapping) => go({ ...setup, step: 'consent', mapping })}
            />
          )}
          {setup.step === 'consent' && (
            <ConsentStep
              file={setup.file}
              preview={setup.preview}
              mapping={setup.mapping}
              onBack={() => go({ ...setup, step: 'mapping' })}
              onStarted={started}
            />
          )}
        </section>
      )}
    </Page>
  );
}

function RunningImport({ importId, takeFocus, onImportAnother }: { importId: string; takeFocus: boolean; onImportAnother: () => void }) {
  const { state, retry } = useImportStatus(importId);
  const finished = state.kind === 'loaded' && (state.clientImport.status === 'completed' || state.clientImport.status === 'failed');
  const step = finished ? 5 : 4;
  return (
    <section aria-labelledby={STEP_HEADING_ID} className="import-wizard">
      <ImportSteps current={step} />
      <StepHeading key={step} step={step} takeFocus={takeFocus || step === 5} />
      {state.kind === 'loading' && <p role="status">Checking on the import…</p>}
      <LoadProblem message={state.kind === 'failed' ? state.message : null} onRetry={retry} />
      {state.kind === 'loaded' && state.clientImport.status === 'failed' && (
        <Notice role="alert" tone="error">
          <p>The import failed{state.clientImport.error === null ? '.' : `: ${state.clientImport.error}`}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={onImportAnother}>
              Start again
            </button>
          </p>
        </Notice>
      )}
      {state.kind === 'loaded' && !finished && <ImportProgress clientImport={state.clientImport} />}
      {state.kind === 'loaded' && state.clientImport.status === 'completed' && (
        <ImportReport clientImport={state.clientImport} onImportAnother={onImportAnother} />
      )}
    </section>
  );
}

function stepNumber(step: Setup['step']): number {
  return step === 'file' ? 1 : step === 'mapping' ? 2 : 3;
}
