import { useCallback, useState } from 'react';
import { RULE_CHANNELS, type Rule, type RuleChannel, type RuleDetails } from '../api/rules';
import { FormField } from '../components/FormField';
import { ErrorSummary } from '../forms/ErrorSummary';
import { FieldErrorMessages, FieldHint } from '../forms/FieldMessages';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { SelectField } from '../forms/SelectField';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { channelText } from '../lib/reminderText';
import { fromOffsetMinutes, parseAmount, toOffsetMinutes, type OffsetUnit } from './ruleText';

/** API field name → the input that shows it. */
const FIELDS = {
  channel: { id: 'rule-channel', label: 'Send by' },
  offsetMinutes: { id: 'rule-amount', label: 'How long before' },
  windowStart: { id: 'rule-window-start', label: 'Not before' },
  window: { id: 'rule-window-start', label: 'Sending hours' },
  windowEnd: { id: 'rule-window-end', label: 'Not after' },
  keyword: { id: 'rule-keyword', label: 'Only when the title contains' },
};

const CHANNEL_OPTIONS = RULE_CHANNELS.map((channel: RuleChannel) => ({ value: channel, label: channelText(channel) }));
const UNIT_OPTIONS: { value: OffsetUnit; label: string }[] = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
];

interface RuleFormProps {
  initial?: Rule;
  submitLabel: string;
  onSave: (details: RuleDetails) => Promise<void>;
  onCancel: () => void;
}

export function RuleForm({ initial, submitLabel, onSave, onCancel }: RuleFormProps) {
  const offset = fromOffsetMinutes(initial?.offsetMinutes ?? 24 * 60);
  const [channel, setChannel] = useState<RuleChannel>(initial?.channel ?? 'sms');
  const [amount, setAmount] = useState(String(offset.amount));
  const [unit, setUnit] = useState<OffsetUnit>(offset.unit);
  const [windowStart, setWindowStart] = useState(initial?.windowStart ?? '');
  const [windowEnd, setWindowEnd] = useState(initial?.windowEnd ?? '');
  const [keyword, setKeyword] = useState(initial?.keyword ?? '');

  const validate = useCallback(() => {
    const halfWindow = (windowStart === '') !== (windowEnd === '');
    return validationProblem({
      offsetMinutes: parseAmount(amount) === null && 'Enter a whole number, like 1 or 24.',
      windowStart: halfWindow && windowStart === '' && 'Give both times, or neither to send at any time.',
      windowEnd: halfWindow && windowEnd === '' && 'Give both times, or neither to send at any time.',
    });
  }, [amount, windowStart, windowEnd]);
  const submit = useCallback(
    () =>
      onSave({
        channel,
        offsetMinutes: toOffsetMinutes(parseAmount(amount) ?? 0, unit),
        windowStart: windowStart === '' ? null : windowStart,
        windowEnd: windowEnd === '' ? null : windowEnd,
        keyword: keyword.trim() === '' ? null : keyword.trim(),
      }),
    [channel, amount, unit, windowStart, windowEnd, keyword, onSave],
  );
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);
  const offsetErrors = errorsFor(problem, 'offsetMinutes');

  return (
    <form noValidate onSubmit={onSubmit} className="form rule-form" aria-label={initial === undefined ? 'New rule' : 'Change rule'}>
      <ErrorSummary problem={problem} fields={FIELDS} />
      <SelectField
        {...FIELDS.channel}
        value={channel}
        options={CHANNEL_OPTIONS}
        onChange={(value) => setChannel(CHANNEL_OPTIONS.find((option) => option.value === value)?.value ?? 'sms')}
        errors={errorsFor(problem, 'channel')}
      />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">How long before the appointment</legend>
        <FieldErrorMessages id="rule-amount-error" errors={offsetErrors} />
        <div className="field-pair">
          <FormField
            {...FIELDS.offsetMinutes}
            invalid={offsetErrors.length > 0}
            describedBy={[offsetErrors.length > 0 && 'rule-amount-error']}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                inputMode="numeric"
                value={amount}
                required
                autoComplete="off"
                className="field__input"
                onChange={(event) => setAmount(event.target.value)}
              />
            )}
          </FormField>
          <SelectField
            id="rule-unit"
            label="Minutes, hours or days"
            value={unit}
            options={UNIT_OPTIONS}
            onChange={(value) => setUnit(UNIT_OPTIONS.find((option) => option.value === value)?.value ?? 'hours')}
          />
        </div>
      </fieldset>
      <fieldset className="fieldset" aria-describedby="rule-window-hint">
        <legend className="fieldset__legend">Sending hours (optional)</legend>
        <FieldHint
          id="rule-window-hint"
          hint="Quiet hours, in your account’s time zone: a reminder that would go out before or after these times goes out at the latest allowed time before instead. Leave both empty to send at any time."
        />
        <div className="field-pair">
          <TextField
            {...FIELDS.windowStart}
            type="time"
            value={windowStart}
            onChange={setWindowStart}
            required={false}
            markOptional={false}
            errors={[...errorsFor(problem, 'windowStart'), ...errorsFor(problem, 'window')]}
          />
          <TextField
            {...FIELDS.windowEnd}
            type="time"
            value={windowEnd}
            onChange={setWindowEnd}
            required={false}
            markOptional={false}
            errors={errorsFor(problem, 'windowEnd')}
          />
        </div>
      </fieldset>
      <TextField
        {...FIELDS.keyword}
        value={keyword}
        onChange={setKeyword}
        autoComplete="off"
        required={false}
        hint="For example “massage”, to remind only about those appointments. Leave empty for every appointment."
        errors={errorsFor(problem, 'keyword')}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button button--secondary" disabled={isSubmitting} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
