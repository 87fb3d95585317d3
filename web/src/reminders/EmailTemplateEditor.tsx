import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { getEmailTemplate, saveEmailTemplate, type EmailFormat, type EmailTemplate } from '../api/templates';
import { useApiData } from '../api/useApiData';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';
import { PlaceholderButtons } from '../components/PlaceholderButtons';
import { TemplateField } from '../components/TemplateField';
import { useInsertAtCursor } from '../components/useInsertAtCursor';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor } from '../forms/formProblem';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { EmailHtmlPreview, TemplatePreviewPanel } from './TemplatePreviewPanel';
import { TemplateProblems } from './TemplateProblems';
import { useTemplatePreview } from './useTemplatePreview';

const FORMATS: { value: EmailFormat; label: string; hint: string }[] = [
  {
    value: 'plain',
    label: 'Write the message',
    hint: 'Recommended. We lay it out for every mail app, with your business name (or logo) at the top and its address and phone at the foot.',
  },
  { value: 'html', label: 'Your own HTML (advanced)', hint: 'For a designed email: you write the HTML and a plain-text version for mail apps that do not show HTML.' },
];

const FIELDS_BY_FORMAT = {
  plain: {
    subject: { id: 'email-template-subject', label: 'Subject' },
    text: { id: 'email-template-text', label: 'Message' },
    logoUrl: { id: 'email-template-logo', label: 'Logo address' },
  },
  html: {
    subject: { id: 'email-template-subject', label: 'Subject' },
    text: { id: 'email-template-text', label: 'Plain text version' },
    html: { id: 'email-template-html', label: 'HTML version' },
  },
};
type Part = 'subject' | 'text' | 'html';
const PROBLEMS_ID = 'email-template-problems';
const TARGET_TEXT: Record<EmailFormat, Record<Part, string>> = {
  plain: { subject: 'the subject', text: 'the message', html: 'the message' },
  html: { subject: 'the subject', text: 'the plain text version', html: 'the HTML version' },
};

export function EmailTemplateEditor() {
  const { data, error } = useApiData((signal) => getEmailTemplate({ signal }), []);
  if (error !== null) {
    return <Notice as="p" role="alert" tone="error">{error.message}</Notice>;
  }
  return data === null ? <p role="status">Loading the email template…</p> : <EmailTemplateForm initial={data} />;
}

function EmailTemplateForm({ initial }: { initial: EmailTemplate }) {
  const [format, setFormat] = useState<EmailFormat>(initial.format);
  const [subject, setSubject] = useState(initial.subject);
  const [text, setText] = useState(initial.text);
  const [html, setHtml] = useState(initial.html);
  const [logoUrl, setLogoUrl] = useState(initial.logoUrl);
  const [target, setTarget] = useState<Part>('text');
  const [saved, setSaved] = useState<string | null>(null);
  const fields: Record<Part, ReturnType<typeof useInsertAtCursor>> = {
    subject: useInsertAtCursor(subject, setSubject),
    text: useInsertAtCursor(text, setText),
    html: useInsertAtCursor(html, setHtml),
  };
  const previewState = useTemplatePreview({ channel: 'email', format, subject, text, html, logoUrl });
  const { preview } = previewState;
  const labels = FIELDS_BY_FORMAT[format];
  const insertInto = format === 'plain' && target === 'html' ? 'text' : target;

  const submit = useCallback(async () => {
    setSaved(null);
    const template = await saveEmailTemplate({ format, subject, text, html, logoUrl: logoUrl.trim() });
    setFormat(template.format);
    setSubject(template.subject);
    setText(template.text);
    setHtml(template.html);
    setLogoUrl(template.logoUrl);
    setSaved('The email template has been saved.');
  }, [format, subject, text, html, logoUrl]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit);

  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide template-form" aria-label="Email template">
      <ErrorSummary problem={problem} fields={labels} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">How to write the email</legend>
        {FORMATS.map((option) => (
          <div key={option.value}>
            <label className="checkbox">
              <input
                id={`email-format-${option.value}`}
                type="radio"
                name="email-format"
                value={option.value}
                checked={format === option.value}
                aria-describedby={`email-format-${option.value}-hint`}
                onChange={() => setFormat(option.value)}
              />
              <span>{option.label}</span>
            </label>
            <p id={`email-format-${option.value}-hint`} className="field__hint">
              {option.hint}
            </p>
          </div>
        ))}
      </fieldset>
      <PlaceholderButtons target={TARGET_TEXT[format][insertInto]} onInsert={fields[insertInto].insert} />
      <TemplateField
        {...labels.subject}
        multiline={false}
        value={subject}
        onChange={setSubject}
        onFocus={() => setTarget('subject')}
        inputRef={fields.subject.ref}
        errors={errorsFor(problem, 'subject')}
        describedByIds={[PROBLEMS_ID]}
      />
      <TemplateField
        {...labels.text}
        value={text}
        onChange={setText}
        onFocus={() => setTarget('text')}
        inputRef={fields.text.ref}
        rows={format === 'plain' ? 10 : 8}
        hint={format === 'plain' ? 'Leave a blank line between paragraphs.' : 'For mail apps that do not show HTML.'}
        errors={errorsFor(problem, 'text')}
        describedByIds={[PROBLEMS_ID]}
      />
      {format === 'plain' ? (
        <>
          <TextField
            {...FIELDS_BY_FORMAT.plain.logoUrl}
            value={logoUrl}
            onChange={setLogoUrl}
            required={false}
            hint="The https:// address of your logo image, shown instead of the business name at the top. Leave it empty for the name."
            errors={errorsFor(problem, 'logoUrl')}
          />
          <p className="field__hint">
            The foot of every email shows your business name, address and phone from <Link to="/settings">Settings</Link>, and a link to unsubscribe.
          </p>
        </>
      ) : (
        <TemplateField
          {...FIELDS_BY_FORMAT.html.html}
          value={html}
          onChange={setHtml}
          onFocus={() => setTarget('html')}
          inputRef={fields.html.ref}
          rows={8}
          hint="What most mail apps show."
          errors={errorsFor(problem, 'html')}
          describedByIds={[PROBLEMS_ID]}
        />
      )}
      <TemplateProblems id={PROBLEMS_ID} problems={preview?.problems ?? []} showField fieldNames={{ text: labels.text.label }} />
      <TemplatePreviewPanel state={previewState}>
        <dl className="fact-list">
          <div>
            <dt>Subject</dt>
            <dd dir="auto">{preview?.subject}</dd>
          </div>
          {preview?.html != null && (
            <div>
              <dt>As your client sees it</dt>
              <dd>
                <EmailHtmlPreview html={preview.html} />
              </dd>
            </div>
          )}
          <div>
            <dt>Plain text version</dt>
            <dd className="message-preview" dir="auto">
              {preview?.text}
            </dd>
          </div>
        </dl>
      </TemplatePreviewPanel>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save email template'}
      </button>
      <LiveNotice message={saved} />
    </form>
  );
}
