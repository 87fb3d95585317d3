import { useCallback, useState } from 'react';
import { getSmsTemplate, saveSmsTemplate } from '../api/templates';
import { useApiData } from '../api/useApiData';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';
import { PlaceholderButtons } from '../components/PlaceholderButtons';
import { TemplateField } from '../components/TemplateField';
import { useInsertAtCursor } from '../components/useInsertAtCursor';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor } from '../forms/formProblem';
import { useFormSubmit } from '../forms/useFormSubmit';
import { SmsCounter } from './SmsCounter';
import { TemplatePreviewPanel } from './TemplatePreviewPanel';
import { TemplateProblems } from './TemplateProblems';
import { useTemplatePreview } from './useTemplatePreview';

const FIELDS = { body: { id: 'sms-template-body', label: 'SMS message' } };
const COUNTER_ID = 'sms-template-counter';
const PROBLEMS_ID = 'sms-template-problems';

export function SmsTemplateEditor() {
  const { data, error } = useApiData((signal) => getSmsTemplate({ signal }), []);
  if (error !== null) {
    return <Notice as="p" role="alert" tone="error">{error.message}</Notice>;
  }
  return data === null ? <p role="status">Loading the SMS template…</p> : <SmsTemplateForm initialBody={data.body} />;
}

export function SmsTemplateForm({ initialBody }: { initialBody: string }) {
  const [body, setBody] = useState(initialBody);
  const [saved, setSaved] = useState<string | null>(null);
  const { ref, insert } = useInsertAtCursor(body, setBody);
  const previewState = useTemplatePreview({ channel: 'sms', body });
  const { preview } = previewState;

  const submit = useCallback(async () => {
    setSaved(null);
    const template = await saveSmsTemplate({ body });
    setBody(template.body);
    setSaved('The SMS template has been saved.');
  }, [body]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit);

  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide template-form" aria-label="SMS template">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <PlaceholderButtons target="the SMS message" onInsert={insert} />
      <TemplateField
        {...FIELDS.body}
        value={body}
        onChange={setBody}
        inputRef={ref}
        rows={5}
        errors={errorsFor(problem, 'body')}
        describedByIds={preview?.sms != null ? [COUNTER_ID, PROBLEMS_ID] : [PROBLEMS_ID]}
      />
      <TemplateProblems id={PROBLEMS_ID} problems={preview?.problems ?? []} showField={false} />
      <TemplatePreviewPanel state={previewState}>
        {preview?.sms != null && <SmsCounter id={COUNTER_ID} sms={preview.sms} />}
        <p className="message-preview" dir="auto">
          {preview?.text}
        </p>
      </TemplatePreviewPanel>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save SMS template'}
      </button>
      <LiveNotice message={saved} />
    </form>
  );
}
