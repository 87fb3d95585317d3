import { apiPost, isRecord, type RequestOptions } from './client';
import { numberOr, oneOf, stringOr, unexpected } from './parse';

/** "sms-or-email": a text to clients with a mobile number, an email to the others. */
export type DirectChannel = 'sms' | 'email' | 'sms-or-email';
export const DIRECT_CHANNELS: readonly DirectChannel[] = ['sms', 'email', 'sms-or-email'];

/** The only placeholders a direct message may use: there is no appointment to fill in the others. */
export const DIRECT_PLACEHOLDERS = ['{ClientName}', '{ClientFirstName}', '{BusinessName}'] as const;

/** Ready-made messages an owner can start from and then edit; they use only the placeholders a direct message fills. */
export const DIRECT_TEMPLATES: readonly { id: string; label: string; subject: string; text: string }[] = [
  {
    id: 'running-late',
    label: 'Running late',
    subject: 'Running late today',
    text: 'Hi {ClientFirstName}, we are running about 15 minutes late today. Sorry for the wait. {BusinessName}',
  },
  {
    id: 'closed',
    label: 'Closed today',
    subject: '{BusinessName} is closed today',
    text: 'Hi {ClientFirstName}, {BusinessName} is closed today. We will be in touch to arrange a new time for your appointment.',
  },
  {
    id: 'rebook',
    label: 'Time to book again',
    subject: 'Time to book your next appointment',
    text: 'Hi {ClientFirstName}, it is time to book your next appointment with {BusinessName}. Reply or call us to choose a time.',
  },
  {
    id: 'moved',
    label: 'We have moved',
    subject: '{BusinessName} has moved',
    text: 'Hi {ClientFirstName}, {BusinessName} has moved to a new address: ADDRESS. Your appointments stay as they are.',
  },
];
export const MAX_DIRECT_CLIENTS = 500;
export const MAX_DIRECT_TEXT = 1000;

export interface DirectMessage {
  clientIds: string[];
  channel: DirectChannel;
  text: string;
  /** Sent only for a channel that may email. */
  subject?: string;
  /** One per confirmation: the server queues a repeated send with the same id only once. */
  requestId?: string;
}

export interface SkippedClient {
  clientId: string;
  clientName: string;
  reason: string;
}

export interface DirectSmsCount {
  encoding: string;
  characters: number;
  /** For one message. */
  segments: number;
  /** For every client who gets a text. */
  totalSegments: number;
}

/** What one recipient gets, filled exactly as it will be sent: the first recipient of each channel. */
export interface DirectMessageSample {
  clientName: string;
  channel: 'sms' | 'email';
  /** Emails only. */
  subject: string | null;
  text: string;
}

export interface DirectMessagePreview {
  recipients: number;
  skipped: SkippedClient[];
  sms: DirectSmsCount | null;
  samples: DirectMessageSample[];
}

export interface DirectMessageQueued {
  batchId: string;
  queued: number;
}

type Signal = Pick<RequestOptions, 'signal'>;

export async function previewDirectMessage(message: DirectMessage, options: Signal = {}): Promise<DirectMessagePreview> {
  const body = await apiPost<unknown>('/messages/direct/preview', requestBody(message), options);
  if (!isRecord(body)) {
    throw unexpected();
  }
  return {
    recipients: numberOr(body.recipients, 0),
    skipped: Array.isArray(body.skipped)
      ? body.skipped.filter(isRecord).map((skipped) => ({
          clientId: stringOr(skipped.clientId, ''),
          clientName: stringOr(skipped.clientName, ''),
          reason: stringOr(skipped.reason, ''),
        }))
      : [],
    sms: isRecord(body.sms)
      ? {
          encoding: stringOr(body.sms.encoding, ''),
          characters: numberOr(body.sms.characters, 0),
          segments: numberOr(body.sms.segments, 0),
          totalSegments: numberOr(body.sms.totalSegments, 0),
        }
      : null,
    samples: Array.isArray(body.samples)
      ? body.samples.filter(isRecord).map((sample) => ({
          clientName: stringOr(sample.clientName, ''),
          channel: oneOf(sample.channel, ['sms', 'email'] as const, 'sms'),
          subject: typeof sample.subject === 'string' ? sample.subject : null,
          text: stringOr(sample.text, ''),
        }))
      : [],
  };
}

/** Queues the messages (202); they are sent in the background. */
export async function sendDirectMessage(message: DirectMessage): Promise<DirectMessageQueued> {
  const body = await apiPost<unknown>('/messages/direct', requestBody(message));
  if (!isRecord(body)) {
    throw unexpected();
  }
  return { batchId: stringOr(body.batchId, ''), queued: numberOr(body.queued, 0) };
}

export function parseDirectChannel(value: unknown): DirectChannel {
  return oneOf(value, DIRECT_CHANNELS, 'sms');
}

function requestBody({ clientIds, channel, text, subject, requestId }: DirectMessage) {
  return {
    clientIds,
    channel,
    text,
    ...(channel === 'sms' || subject === undefined ? {} : { subject }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}
