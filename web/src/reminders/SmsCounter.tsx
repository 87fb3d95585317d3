import type { SmsCount } from '../api/templates';
import { Notice } from '../components/Notice';

/** Characters, encoding and segments of the previewed SMS, with a warning past the most the server will save. */
export function SmsCounter({ id, sms }: { id: string; sms: SmsCount }) {
  const { characters, encoding, segments, maxSegments } = sms;
  const tooLong = maxSegments > 0 && segments > maxSegments;
  return (
    <div className="sms-counter">
      <p id={id} className="sms-counter__count">
        {characters} {characters === 1 ? 'character' : 'characters'} · {encoding} · {segments} {segments === 1 ? 'segment' : 'segments'}
      </p>
      {encoding === 'UCS-2' && (
        <p className="field__hint">
          It contains characters outside the basic SMS alphabet (such as emoji or curly quotes), so each segment holds fewer
          characters.
        </p>
      )}
      {tooLong && (
        <Notice as="p" role="alert" tone="error">
          Too long: this needs {segments} segments and the most is {maxSegments}. Shorten it before saving.
        </Notice>
      )}
    </div>
  );
}
