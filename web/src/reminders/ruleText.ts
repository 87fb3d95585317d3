import type { RuleDetails } from '../api/rules';
import { channelText } from '../lib/reminderText';

export type OffsetUnit = 'minutes' | 'hours' | 'days';

export const UNIT_MINUTES: Record<OffsetUnit, number> = { minutes: 1, hours: 60, days: 24 * 60 };

/** 2 hours → 120. */
export function toOffsetMinutes(amount: number, unit: OffsetUnit): number {
  return amount * UNIT_MINUTES[unit];
}

/** The largest unit that says it exactly: 1440 → 1 day, 90 → 90 minutes. */
export function fromOffsetMinutes(minutes: number): { amount: number; unit: OffsetUnit } {
  if (minutes > 0 && minutes % UNIT_MINUTES.days === 0) {
    return { amount: minutes / UNIT_MINUTES.days, unit: 'days' };
  }
  if (minutes > 0 && minutes % UNIT_MINUTES.hours === 0) {
    return { amount: minutes / UNIT_MINUTES.hours, unit: 'hours' };
  }
  return { amount: minutes, unit: 'minutes' };
}

/** A whole number (0 means as the appointment starts), or null. */
export function parseAmount(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}

export function describeOffset(minutes: number): string {
  if (minutes === 0) {
    return 'as it starts';
  }
  const { amount, unit } = fromOffsetMinutes(minutes);
  const singular = unit.slice(0, -1);
  return `${amount} ${amount === 1 ? singular : unit} before`;
}

/** "SMS, 1 day before, between 08:00 and 20:00, for appointments whose title contains “massage”". */
export function describeRule({ channel, offsetMinutes, windowStart, windowEnd, keyword }: RuleDetails): string {
  const parts = [channelText(channel), describeOffset(offsetMinutes)];
  if (windowStart !== null && windowEnd !== null) {
    parts.push(`sent between ${windowStart} and ${windowEnd}`);
  }
  parts.push(keyword === null ? 'for every appointment' : `only for appointments whose title contains “${keyword}”`);
  return parts.join(', ');
}
