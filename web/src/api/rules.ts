import { apiDelete, apiGet, apiPost, apiPut, isRecord } from './client';
import { blankToNull, numberOr, oneOf, stringOrNull, unexpected } from './parse';

/** "sms-or-email": SMS, or email when the client has no mobile number. */
export type RuleChannel = 'sms' | 'email' | 'sms-or-email';
export const RULE_CHANNELS: readonly RuleChannel[] = ['sms', 'email', 'sms-or-email'];

export interface RuleDetails {
  channel: RuleChannel;
  /** How long before the appointment's start. */
  offsetMinutes: number;
  /** "HH:mm" in the account's time zone, or null for any time; a reminder outside moves to the latest allowed time before. */
  windowStart: string | null;
  windowEnd: string | null;
  /** Only appointments whose title contains it; null for all. */
  keyword: string | null;
}

export interface Rule extends RuleDetails {
  id: string;
}


export async function listRules(options: { signal?: AbortSignal } = {}): Promise<Rule[]> {
  return parseRuleList(await apiGet<unknown>('/rules', options));
}

export function parseRuleList(body: unknown): Rule[] {
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw unexpected();
  }
  return body.items.map(parseRule);
}

export async function createRule(details: RuleDetails): Promise<Rule> {
  return parseRule(await apiPost<unknown>('/rules', ruleBody(details)));
}

export async function updateRule(id: string, details: RuleDetails): Promise<Rule> {
  return parseRule(await apiPut<unknown>(rulePath(id), ruleBody(details)));
}

export async function deleteRule(id: string): Promise<void> {
  await apiDelete<unknown>(rulePath(id));
}

export function parseRule(body: unknown): Rule {
  if (!isRecord(body) || typeof body.id !== 'string') {
    throw unexpected();
  }
  return {
    id: body.id,
    channel: oneOf(body.channel, RULE_CHANNELS, 'sms'),
    offsetMinutes: numberOr(body.offsetMinutes, 0),
    windowStart: hoursAndMinutes(body.windowStart),
    windowEnd: hoursAndMinutes(body.windowEnd),
    keyword: stringOrNull(body.keyword),
  };
}

function ruleBody({ channel, offsetMinutes, windowStart, windowEnd, keyword }: RuleDetails) {
  return { channel, offsetMinutes, windowStart, windowEnd, keyword: keyword === null ? null : blankToNull(keyword) };
}

/** "08:00", also from a time sent with seconds ("08:00:00"). */
function hoursAndMinutes(value: unknown): string | null {
  const time = stringOrNull(value);
  return time !== null && /^\d{2}:\d{2}/.test(time) ? time.slice(0, 5) : time;
}

function rulePath(id: string): string {
  return `/rules/${encodeURIComponent(id)}`;
}
