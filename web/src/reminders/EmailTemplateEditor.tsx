import { useCallback, useState } from 'react';
import { getEmailTemplate, saveEmailTemplate, type EmailTemplate } from '../api';
import { useApiData } from '../api/useApiData';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor } from '../forms/formProblem';
import { useFormSubmit } from '../forms/useFormSubmit';
import { SavedNotice } from '../settings/SettingsSection';
import { PlaceholderButtons } from './PlaceholderButtons';
import { TemplateField } from './TemplateField';
import { EmailHtmlPreview, TemplatePreviewPanel } from './TemplatePreviewPanel';
import { TemplateProblems } from './TemplateProblems';
import { useInsertAtCursor } from './useInsertAtCursor';
import { useTemplatePreview } from './useTemplatePreview';

const FIELDS = {
  subject: { id: 'email-template-subject', label: 'Subject' },
  text: { id: 'email-template-text', label: 'Plain text version' },
  html: { id: 'email-template-html', label: 'HTML version' },
};
type Part = keyof typeof FIELDS;
const PROBLEMS_ID = 'email-template-problems';
const TARGET_TEXT: Record<Part, string> = { subject: 'the subject', text: 'the plain text version', html: 'the HTML version' };

export function EmailTemplateEditor() {
  const { data, error } = useApiData((signal) => getEmailTemplate({ signal }), []);
  if (error !== null) {
    return <p role="alert" className="notice notice--error">{error.message}</p>;
  }
  return data === null ? <p role="status">Loading the email template…</p> : <EmailTemplateForm initial={data} />;
}

function EmailTemplateForm({ initial }: { initial: EmailTemplate }) {
  const [subject, setSubject] = useState(initial.subject);
  const [text, setText] = useState(initial.text);
  const [html, setHtml] = useState(initial.html);
  const [target, setTarget] = useState<Part>('text');
  const [saved, setSaved] = useState<string | null>(null);
  const fields: Record<Part, ReturnType<typeof useInsertAtCursor>> = {
    subject: useInsertAtCursor(subject, setSubject),
    text: useInsertAtCursor(text, setText),
    html: useInsertAtCursor(html, setHtml),
  };
  const previewState = useTemplatePreview({ channel: 'email', subject, text, html });
  const { preview } = previewState;

  const submit = useCallback(async () => {
    setSaved(null);
    const template = await saveEmailTemplate({ subject, text, html });
    setSubject(template.subject);
    setText(template.text);
    setHtml(template.html);
    setSaved('The email template has been saved.');
  }, [subject, text, html]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit);

  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide template-form" aria-label="Email template">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <PlaceholderButtons target={TARGET_TEXT[target]} onInsert={fields[target].insert} />
      <TemplateField
        {...FIELDS.subject}
        multiline={false}
        value={subject}
        onChange={setSubject}
        onFocus={() => setTarget('subject')}
        inputRef={fields.subject.ref}
        errors={errorsFor(problem, 'subject')}
        describedByIds={[PROBLEMS_ID]}
      />
      <TemplateField
        {...FIELDS.text}
        value={text}
        onChange={setText}
        onFocus={() => setTarget('text')}
        inputRef={fields.text.ref}
        rows={8}
        hint="For mail apps that do not show HTML."
        errors={errorsFor(problem, 'text')}
        describedByIds={[PROBLEMS_ID]}
      />
      <TemplateField
        {...FIELDS.html}
        value={html}
        onChange={setHtml}
        onFocus={() => setTarget('html')}
        inputRef={fields.html.ref}
        rows={8}
        hint="What most mail apps show."
        errors={errorsFor(problem, 'html')}
        describedByIds={[PROBLEMS_ID]}
      />
      <TemplateProblems id={PROBLEMS_ID} problems={preview?.problems ?? []} showField />
      <TemplatePreviewPanel state={previewState}>
        <dl className="fact-list">
          <div>
            <dt>Subject</dt>
            <dd dir="auto">{preview?.subject}</dd>
          </div>
          <div>
            <dt>Plain text</dt>
            <dd className="message-preview" dir="auto">
              {preview?.text}
            </dd>
          </div>
          {preview?.html != null && (
            <div>
              <dt>HTML</dt>
              <dd>
                <EmailHtmlPreview html={preview.html} />
              </dd>
            </div>
          )}
        </dl>
      </TemplatePreviewPanel>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save email template'}
      </button>
      <SavedNotice message={saved} />
    </form>
  );
}
