import { apiGet, apiPost, isRecord, type RequestOptions } from './client';
import { oneOf, stringOr, stringOrNull, unexpected } from './parse';

export type Answer = 'confirm' | 'cancel' | 'rearrange';
export type AnswerStatus = 'scheduled' | 'cancelled' | 'passed';

/** The appointment a one-tap answer link is about; no sign-in needed, the token in the link is the key. */
export interface AnswerPage {
  businessName: string;
  clientFirstName: string;
  /** Local date-time in the appointment's own zone, "2026-11-24T10:30:00". */
  start: string;
  end: string;
  timeZone: string;
  location: string | null;
  status: AnswerStatus;
  answer: Answer | null;
  /** The appointment moved or changed since the message with the link was sent. */
  changed: boolean;
}

const ANSWERS = ['confirm', 'cancel', 'rearrange'] as const;

export function parseAnswerPage(body: unknown): AnswerPage {
  if (!isRecord(body) || typeof body.start !== 'string') {
    throw unexpected();
  }
  const answer = stringOrNull(body.answer);
  return {
    businessName: stringOr(body.businessName, ''),
    clientFirstName: stringOr(body.clientFirstName, ''),
    start: body.start,
    end: stringOr(body.end, body.start),
    timeZone: stringOr(body.timeZone, ''),
    location: stringOrNull(body.location),
    status: oneOf(body.status, ['scheduled', 'cancelled', 'passed'] as const, 'scheduled'),
    answer: ANSWERS.find((known) => known === answer) ?? null,
    changed: body.changed === true,
  };
}

export async function getAnswerPage(token: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<AnswerPage> {
  return parseAnswerPage(await apiGet<unknown>(answerPath(token), { ...options, signedIn: false }));
}

export async function answerAppointment(token: string, answer: Answer): Promise<AnswerPage> {
  return parseAnswerPage(await apiPost<unknown>(answerPath(token), { answer }, { signedIn: false }));
}

function answerPath(token: string): string {
  return `/answers/${encodeURIComponent(token)}`;
}
