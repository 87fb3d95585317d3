import { useCallback, useState } from 'react';
import { getNoticeSettings, saveNoticeSettings, type NoticeKind, type NoticeSettings, type NoticeTemplate } from '../api/notices';
import { useApiData } from '../api/useApiData';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';
import { TemplateField } from '../components/TemplateField';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, type FormProblem } from '../forms/formProblem';
import { useFormSubmit } from '../forms/useFormSubmit';
import { SmsCounter } from './SmsCounter';
import { TemplatePreviewPanel } from './TemplatePreviewPanel';
import { useTemplatePreview } from './useTemplatePreview';

const KINDS: { kind: NoticeKind; title: string; when: string }[] = [
  { kind: 'moved', title: 'When an appointment moves', when: 'Sent when its start changes after the client was reminded of it.' },
  { kind: 'cancelled', title: 'When an appointment is cancelled', when: 'Sent when an appointment the client was reminded of is cancelled.' },
];

const fieldId = (kind: NoticeKind, part: keyof NoticeTemplate) => `notice-${kind}-${part}`;

const FIELDS = Object.fromEntries(
  KINDS.flatMap(({ kind, title }) => [
    [`${kind}.sms`, { id: fieldId(kind, 'sms'), label: `${title}: SMS` }],
    [`${kind}.subject`, { id: fieldId(kind, 'subject'), label: `${title}: email subject` }],
    [`${kind}.text`, { id: fieldId(kind, 'text'), label: `${title}: email text` }],
  ]),
);

/** Change notices: on by default, sent by the channel the client last heard from, a couple of minutes after the last change. */
export function ChangeNoticesSection() {
  const { data, error } = useApiData((signal) => getNoticeSettings({ signal }), []);
  if (error !== null) {
    return (
      <Notice as="p" role="alert" tone="error">
        {error.message}
      </Notice>
    );
  }
  return data === null ? <p role="status">Loading change notices…</p> : <ChangeNoticesForm initial={data} />;
}

function ChangeNoticesForm({ initial }: { initial: NoticeSettings }) {
  const [settings, setSettings] = useState(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useCallback(async () => {
    setSaved(null);
    setSettings(await saveNoticeSettings(settings));
    setSaved('Saved: change notices are ' + (settings.enabled ? 'on.' : 'off.'));
  }, [settings]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit);
  const change = (kind: NoticeKind, part: keyof NoticeTemplate, value: string) =>
    setSettings((current) => ({ ...current, [kind]: { ...current[kind], [part]: value } }));

  return (
    <form noValidate onSubmit={onSubmit} className="form form--wide template-form" aria-label="Change notices">
      <p>
        A client who was reminded of an appointment hears when it moves or is cancelled, by the same channel, once: several
        changes in a couple of minutes send one notice, for the last time. Notices count towards your plan like reminders, and
        clients who opted out or unsubscribed get none.
      </p>
      <ErrorSummary problem={problem} fields={FIELDS} />
      <div className="checkbox">
        <input
          id="notices-enabled"
          type="checkbox"
          checked={settings.enabled}
          onChange={(event) => setSettings((current) => ({ ...current, enabled: event.target.checked }))}
        />
        <label htmlFor="notices-enabled">Tell clients when their appointment moves or is cancelled</label>
      </div>
      {settings.enabled &&
        KINDS.map(({ kind, title, when }) => (
          <NoticeFields key={kind} kind={kind} title={title} when={when} template={settings[kind]} problem={problem} onChange={change} />
        ))}
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save change notices'}
      </button>
      <LiveNotice message={saved} />
    </form>
  );
}

interface NoticeFieldsProps {
  kind: NoticeKind;
  title: string;
  when: string;
  template: NoticeTemplate;
  problem: FormProblem | null;
  onChange: (kind: NoticeKind, part: keyof NoticeTemplate, value: string) => void;
}

function NoticeFields({ kind, title, when, template, problem, onChange }: NoticeFieldsProps) {
  const sms = useTemplatePreview({ channel: 'sms', body: template.sms });
  const email = useTemplatePreview({ channel: 'email', format: 'plain', subject: template.subject, text: template.text, html: '', logoUrl: '' });
  const counterId = `${fieldId(kind, 'sms')}-counter`;
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend">{title}</legend>
      <p className="form-aside">{when} The same placeholders as reminders work here, {'{AnswerLink}'} among them.</p>
      <TemplateField
        id={fieldId(kind, 'sms')}
        label="SMS message"
        value={template.sms}
        onChange={(value) => onChange(kind, 'sms', value)}
        rows={3}
        errors={errorsFor(problem, `${kind}.sms`)}
        describedByIds={sms.preview?.sms != null ? [counterId] : []}
      />
      <TemplatePreviewPanel state={sms}>
        {sms.preview?.sms != null && <SmsCounter id={counterId} sms={sms.preview.sms} />}
        <p className="message-preview" dir="auto">
          {sms.preview?.text}
        </p>
      </TemplatePreviewPanel>
      <TemplateField
        id={fieldId(kind, 'subject')}
        label="Email subject"
        value={template.subject}
        onChange={(value) => onChange(kind, 'subject', value)}
        multiline={false}
        errors={errorsFor(problem, `${kind}.subject`)}
      />
      <TemplateField
        id={fieldId(kind, 'text')}
        label="Email text"
        value={template.text}
        onChange={(value) => onChange(kind, 'text', value)}
        rows={6}
        errors={errorsFor(problem, `${kind}.text`)}
      />
      <TemplatePreviewPanel state={email}>
        <p className="message-preview" dir="auto">
          <strong>{email.preview?.subject}</strong>
        </p>
        <p className="message-preview" dir="auto">
          {email.preview?.text}
        </p>
      </TemplatePreviewPanel>
    </fieldset>
  );
}
