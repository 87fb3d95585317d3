import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SmsCounter } from './SmsCounter';

describe('the SMS counter', () => {
  it('shows the characters, the encoding and one segment', () => {
    render(<SmsCounter id="counter" sms={{ encoding: 'GSM-7', characters: 96, units: 96, segments: 1, maxSegments: 3 }} />);

    expect(screen.getByText('96 characters · GSM-7 · 1 segment')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('explains UCS-2 and counts segments in the plural', () => {
    render(<SmsCounter id="counter" sms={{ encoding: 'UCS-2', characters: 80, units: 80, segments: 2, maxSegments: 3 }} />);

    expect(screen.getByText('80 characters · UCS-2 · 2 segments')).toBeTruthy();
    expect(screen.getByText(/each segment holds fewer characters/)).toBeTruthy();
  });

  it('warns when the message needs more segments than the server will save', () => {
    render(<SmsCounter id="counter" sms={{ encoding: 'GSM-7', characters: 620, units: 620, segments: 5, maxSegments: 3 }} />);

    expect(screen.getByRole('alert').textContent).toBe('Too long: this needs 5 segments and the most is 3. Shorten it before saving.');
  });
});
