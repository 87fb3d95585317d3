import { apiGet, apiPost, apiRequest, isRecord, type RequestOptions } from './client';
import { CLIENT_STATUSES, type ClientStatus } from './clients';
import { numberOr, oneOf, stringOr, stringOrNull, unexpected } from './parse';
import { REPLY_KINDS, type ReplyKind } from './replies';
import { DELIVERY_STATUSES, REMINDER_STATUSES, type DeliveryStatus, type ReminderStatus } from './reminders';

/** Which conversations the inbox lists: every one, those with unread replies, or those waiting for the owner. */
export type ConversationFilter = 'all' | 'unread' | 'action';
export const CONVERSATION_FILTERS: readonly ConversationFilter[] = ['all', 'unread', 'action'];

/** "in": the client wrote it; "out": we sent it to them. */
export type MessageDirection = 'in' | 'out';
export const MESSAGE_DIRECTIONS: readonly MessageDirection[] = ['in', 'out'];

/** answer: the owner's reply from the conversation; auto-reply: our automatic answer to STOP, START or HELP. */
export type ConversationMessageKind = 'reply' | 'reminder' | 'notice' | 'direct' | 'answer' | 'auto-reply';
export const CONVERSATION_MESSAGE_KINDS: readonly ConversationMessageKind[] = ['reply', 'reminder', 'notice', 'direct', 'answer', 'auto-reply'];

/** How the owner can answer. */
export type ReplyChannel = 'sms' | 'email';
export const REPLY_CHANNELS: readonly ReplyChannel[] = ['sms', 'email'];

/** How a message went either way; "link": the client answered on the page a link in a message opened. */
export type MessageChannel = ReplyChannel | 'link';
export const MESSAGE_CHANNELS: readonly MessageChannel[] = ['sms', 'email', 'link'];

/** The most an SMS answer may hold; the server refuses longer ones. */
export const MAX_SMS_ANSWER = 1000;

export interface LastMessage {
  direction: MessageDirection;
  kind: ConversationMessageKind;
  /** What an incoming message asked for; null for ours. */
  replyKind: ReplyKind | null;
  text: string;
  /** UTC. */
  at: string;
}

/** One client's conversation as the inbox lists it. */
export interface ConversationSummary {
  clientId: string;
  clientName: string;
  clientStatus: ClientStatus;
  unread: boolean;
  needsAction: boolean;
  /** UTC: the latest message either way. */
  lastAt: string;
  lastMessage: LastMessage | null;
}

export interface UnreadCounts {
  unread: number;
  needsAction: number;
}

/** Unread first, then the newest. */
export interface ConversationPage extends UnreadCounts {
  items: ConversationSummary[];
  nextCursor: string | null;
}

export interface ConversationMessage {
  id: string;
  direction: MessageDirection;
  kind: ConversationMessageKind;
  channel: MessageChannel;
  /** UTC. */
  at: string;
  text: string;
  subject: string | null;
  /** What an incoming message asked for; null for ours. */
  replyKind: ReplyKind | null;
  /** A free-text reply nobody has answered since. */
  needsAnswer: boolean;
  /** Ours that went through the reminder queue. */
  status: ReminderStatus | null;
  delivery: DeliveryStatus | null;
  reason: string | null;
}

/** A client's messages, newest first; `nextCursor` fetches older ones. */
export interface Conversation {
  clientId: string;
  clientName: string;
  clientStatus: ClientStatus;
  unread: boolean;
  needsAction: boolean;
  /** Why an answer by text cannot be sent; null when it can. */
  smsProblem: string | null;
  /** Why an answer by email cannot be sent; null when it can. */
  emailProblem: string | null;
  items: ConversationMessage[];
  nextCursor: string | null;
}

export interface ConversationAnswer {
  channel: ReplyChannel;
  text: string;
  /** Emails only; left out, the server uses "A message from <business name>". */
  subject?: string;
  /** One per composed message: a retry with the same id is sent once. */
  requestId: string;
}

export interface QueuedAnswer {
  id: string;
  status: ReminderStatus;
}

/** What a poll of the unread counts found: unchanged since the last ETag, or new counts. */
export type UnreadCountsAnswer = { changed: false } | { changed: true; counts: UnreadCounts; etag: string | null };

type Signal = Pick<RequestOptions, 'signal'>;

export async function listConversations(filter: ConversationFilter, cursor: string | null, options: Signal = {}): Promise<ConversationPage> {
  const query = new URLSearchParams({ filter });
  if (cursor !== null) {
    query.set('cursor', cursor);
  }
  return parseConversationPage(await apiGet<unknown>(`/conversations?${query.toString()}`, options));
}

/** Cheap to ask often: with the last ETag the server answers 304 when nothing changed. */
export async function getUnreadCounts(etag: string | null, options: Signal = {}): Promise<UnreadCountsAnswer> {
  const response = await apiRequest<unknown>('GET', '/conversations/unread', {
    ...options,
    acceptStatuses: [304],
    ...(etag === null ? {} : { headers: { 'If-None-Match': etag } }),
  });
  if (response.status === 304) {
    return { changed: false };
  }
  return { changed: true, counts: parseUnreadCounts(response.body), etag: response.headers.get('ETag') };
}

export async function getConversation(clientId: string, cursor: string | null, options: Signal = {}): Promise<Conversation> {
  const query = cursor === null ? '' : `?${new URLSearchParams({ cursor }).toString()}`;
  return parseConversation(await apiGet<unknown>(`${threadPath(clientId)}${query}`, options));
}

/** Queues the answer (202); it is sent in the background. */
export async function sendConversationAnswer(clientId: string, { channel, text, subject, requestId }: ConversationAnswer): Promise<QueuedAnswer> {
  const body = await apiPost<unknown>(threadPath(clientId), {
    channel,
    text,
    ...(channel === 'email' && subject !== undefined && subject.trim() !== '' ? { subject: subject.trim() } : {}),
    requestId,
  });
  if (!isRecord(body) || typeof body.id !== 'string') {
    throw unexpected();
  }
  return { id: body.id, status: oneOf(body.status, REMINDER_STATUSES, 'scheduled') };
}

export async function markConversationRead(clientId: string): Promise<void> {
  await apiPost<unknown>(`${threadPath(clientId)}/read`);
}

/** Clears "needs action" without answering. */
export async function markConversationHandled(clientId: string): Promise<void> {
  await apiPost<unknown>(`${threadPath(clientId)}/done`);
}

export function parseUnreadCounts(body: unknown): UnreadCounts {
  if (!isRecord(body)) {
    throw unexpected();
  }
  return { unread: numberOr(body.unread, 0), needsAction: numberOr(body.needsAction, 0) };
}

export function parseConversationPage(body: unknown): ConversationPage {
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw unexpected();
  }
  return {
    items: body.items.map(parseConversationSummary),
    nextCursor: stringOrNull(body.nextCursor),
    ...parseUnreadCounts(body),
  };
}

export function parseConversationSummary(body: unknown): ConversationSummary {
  if (!isRecord(body) || typeof body.clientId !== 'string') {
    throw unexpected();
  }
  const last = body.lastMessage;
  // The inbox names an incoming message by what it asked for ("rearrange"), ours by their kind ("answer").
  const lastDirection = isRecord(last) ? oneOf(last.direction, MESSAGE_DIRECTIONS, 'in') : 'in';
  return {
    clientId: body.clientId,
    clientName: stringOr(body.clientName, ''),
    clientStatus: oneOf(body.clientStatus, CLIENT_STATUSES, 'active'),
    unread: body.unread === true,
    needsAction: body.needsAction === true,
    lastAt: stringOr(body.lastAt, ''),
    lastMessage: isRecord(last)
      ? {
          direction: lastDirection,
          kind: lastDirection === 'in' ? 'reply' : oneOf(last.kind, CONVERSATION_MESSAGE_KINDS, 'direct'),
          replyKind: lastDirection === 'in' ? oneOf(last.kind, REPLY_KINDS, 'other') : null,
          text: stringOr(last.text, ''),
          at: stringOr(last.at, ''),
        }
      : null,
  };
}

export function parseConversation(body: unknown): Conversation {
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw unexpected();
  }
  return {
    clientId: stringOr(body.clientId, ''),
    clientName: stringOr(body.clientName, ''),
    clientStatus: oneOf(body.clientStatus, CLIENT_STATUSES, 'active'),
    unread: body.unread === true,
    needsAction: body.needsAction === true,
    smsProblem: stringOrNull(body.smsProblem),
    emailProblem: stringOrNull(body.emailProblem),
    items: body.items.map(parseConversationMessage),
    nextCursor: stringOrNull(body.nextCursor),
  };
}

export function parseConversationMessage(body: unknown): ConversationMessage {
  if (!isRecord(body) || typeof body.id !== 'string') {
    throw unexpected();
  }
  const direction = oneOf(body.direction, MESSAGE_DIRECTIONS, 'in');
  return {
    id: body.id,
    direction,
    kind: oneOf(body.kind, CONVERSATION_MESSAGE_KINDS, direction === 'out' ? 'direct' : 'reply'),
    channel: oneOf(body.channel, MESSAGE_CHANNELS, 'sms'),
    at: stringOr(body.at, ''),
    text: stringOr(body.text, ''),
    subject: stringOrNull(body.subject),
    replyKind: direction === 'in' ? oneOf(body.replyKind, REPLY_KINDS, 'other') : null,
    needsAnswer: body.needsAnswer === true,
    status: typeof body.status === 'string' ? oneOf(body.status, REMINDER_STATUSES, 'scheduled') : null,
    delivery: DELIVERY_STATUSES.find((delivery) => delivery === body.delivery) ?? null,
    reason: stringOrNull(body.reason),
  };
}

function threadPath(clientId: string): string {
  return `/clients/${encodeURIComponent(clientId)}/conversation`;
}
