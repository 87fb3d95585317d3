import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { RuleDetails } from '../api/rules';
import { RuleForm } from './RuleForm';
import { describeRule, fromOffsetMinutes, toOffsetMinutes } from './ruleText';

function describedText(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

async function fill(label: string, value: string) {
  const field = screen.getByLabelText(label);
  await userEvent.clear(field);
  if (value !== '') {
    await userEvent.type(field, value);
  }
}

describe('rule offsets', () => {
  it('converts a number and a unit to minutes and back', () => {
    expect(toOffsetMinutes(2, 'hours')).toBe(120);
    expect(toOffsetMinutes(1, 'days')).toBe(1440);
    expect(fromOffsetMinutes(120)).toEqual({ amount: 2, unit: 'hours' });
    expect(fromOffsetMinutes(2880)).toEqual({ amount: 2, unit: 'days' });
    expect(fromOffsetMinutes(90)).toEqual({ amount: 90, unit: 'minutes' });
  });

  it('describes a rule in words', () => {
    expect(describeRule({ channel: 'sms', offsetMinutes: 1440, windowStart: '08:00', windowEnd: '20:00', keyword: null })).toBe(
      'SMS, 1 day before, sent between 08:00 and 20:00, for every appointment',
    );
  });
});

describe('the rule form', () => {
  it('sends 2 hours as 120 minutes, with the sending hours and keyword', async () => {
    const onSave = vi.fn<(details: RuleDetails) => Promise<void>>(() => Promise.resolve());
    render(<RuleForm submitLabel="Add rule" onSave={onSave} onCancel={() => undefined} />);

    await userEvent.selectOptions(screen.getByLabelText('Send by'), 'email');
    await fill('How long before', '2');
    await userEvent.selectOptions(screen.getByLabelText('Minutes, hours or days'), 'hours');
    await fill('Not before', '08:00');
    await fill('Not after', '20:00');
    await fill('Only when the title contains (optional)', 'massage');
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));

    expect(onSave).toHaveBeenCalledWith({ channel: 'email', offsetMinutes: 120, windowStart: '08:00', windowEnd: '20:00', keyword: 'massage' });
  });

  it('starts an existing rule in the largest whole unit', () => {
    render(
      <RuleForm
        initial={{ id: 'r1', channel: 'sms', offsetMinutes: 2880, windowStart: null, windowEnd: null, keyword: null }}
        submitLabel="Save rule"
        onSave={() => Promise.resolve()}
        onCancel={() => undefined}
      />,
    );

    expect(screen.getByLabelText<HTMLInputElement>('How long before').value).toBe('2');
    expect(screen.getByLabelText<HTMLSelectElement>('Minutes, hours or days').value).toBe('days');
  });

  it('asks for a whole number and for both sending times before sending anything', async () => {
    const onSave = vi.fn(() => Promise.resolve());
    render(<RuleForm submitLabel="Add rule" onSave={onSave} onCancel={() => undefined} />);

    await fill('How long before', '1.5');
    await fill('Not before', '08:00');
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));

    const summary = await screen.findByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(summary.textContent).toContain('Enter a whole number, like 1 or 24.');
    expect(screen.getByLabelText('How long before').getAttribute('aria-invalid')).toBe('true');
    expect(describedText(screen.getByLabelText('Not after'))).toContain('Give both times, or neither');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('shows the API’s field errors next to their fields', async () => {
    const refusal = new ApiError('One or more validation errors occurred.', 400, 'http', {
      fieldErrors: { windowEnd: ['The sending window must end after it starts.'], offsetMinutes: ['At most 30 days before.'] },
    });
    render(<RuleForm submitLabel="Add rule" onSave={() => Promise.reject(refusal)} onCancel={() => undefined} />);

    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('The sending window must end after it starts.');
    expect(screen.getByLabelText('Not after').getAttribute('aria-invalid')).toBe('true');
    expect(describedText(screen.getByLabelText('How long before'))).toContain('At most 30 days before.');
  });
});
