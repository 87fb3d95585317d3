import type { DirectChannel } from '../api/directMessages';
import { Notice } from '../components/Notice';
import { plural, reasonText } from '../lib/historyText';
import type { DirectPreviewState } from './useDirectPreview';

const OTHER_FIELDS: Record<string, string> = { subject: 'Subject', channel: 'Send by', clientIds: 'To' };

interface DirectPreviewProps {
  id: string;
  state: DirectPreviewState;
  channel: DirectChannel;
  hasText: boolean;
}

/** Who would get the message, who is skipped and why, and for texts how many SMS segments it takes. A polite live region. */
export function DirectPreview({ id, state, channel, hasText }: DirectPreviewProps) {
  const { preview, isUpdating, fieldErrors, error } = state;
  const problems = Object.entries(fieldErrors).flatMap(([field, messages]) =>
    messages.map((message) => (field === 'text' ? message : `${OTHER_FIELDS[field] ?? field}: ${message}`)),
  );
  return (
    <section className="template-preview direct-preview" aria-labelledby={`${id}-heading`} aria-busy={isUpdating}>
      <h2 id={`${id}-heading`} className="template-preview__heading">
        Preview
      </h2>
      <div id={id} role="status">
        {!hasText && <p className="muted">Write the message to see who gets it.</p>}
        {hasText && error !== null && <Notice as="p" tone="error">The preview is not available: {error}</Notice>}
        {hasText && problems.length > 0 && (
          <Notice tone="error">
            <p className="template-problems__title">{problems.length === 1 ? 'The message has a problem:' : `The message has ${problems.length} problems:`}</p>
            <ul className="template-problems__list">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Notice>
        )}
        {hasText && preview === null && error === null && problems.length === 0 && <p className="muted">Checking who gets it…</p>}
        {hasText && preview !== null && problems.length === 0 && (
          <>
            <p className="direct-preview__recipients">
              {preview.recipients === 0 ? 'Nobody would get this message.' : `${plural(preview.recipients, 'client gets', 'clients get')} this message.`}
            </p>
            {preview.sms !== null && channel !== 'email' && (
              <p className="sms-counter__count">
                Each SMS: {plural(preview.sms.characters, 'character', 'characters')} · {preview.sms.encoding} ·{' '}
                {plural(preview.sms.segments, 'segment', 'segments')}. In all: about {plural(preview.sms.totalSegments, 'SMS segment', 'SMS segments')}.
              </p>
            )}
            {preview.sms?.encoding === 'UCS-2' && (
              <p className="field__hint">
                It contains characters outside the basic SMS alphabet (such as emoji or curly quotes), so each segment holds fewer characters.
              </p>
            )}
            {preview.skipped.length > 0 && (
              <>
                <p className="direct-preview__skipped-title">{plural(preview.skipped.length, 'client is', 'clients are')} skipped:</p>
                <ul className="direct-preview__skipped" aria-label="Skipped clients">
                  {preview.skipped.map((skipped) => (
                    <li key={skipped.clientId}>
                      <span dir="auto" className="direct-preview__name">
                        {skipped.clientName || 'A removed client'}
                      </span>
                      : {reasonText(skipped.reason)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}
