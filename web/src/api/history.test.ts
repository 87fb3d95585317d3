import { describe, expect, it } from 'vitest';
import { KIND_TEXT } from '../lib/historyText';
import { parseHistoryItem } from './history';

describe('history api', () => {
  it('keeps the owner’s own test message apart from reminders', () => {
    const item = parseHistoryItem({ id: 'h1', kind: 'test', clientName: 'You (test message)', channel: 'sms', status: 'sent' });

    expect(item.kind).toBe('test');
    expect(KIND_TEXT[item.kind]).toBe('Test message');
  });

  it('reads a kind it does not know as a reminder', () => {
    expect(parseHistoryItem({ id: 'h2', kind: 'carrier-pigeon' }).kind).toBe('reminder');
  });
});
