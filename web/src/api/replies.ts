import { apiGet, apiPost, isRecord, type RequestOptions } from './client';
import { oneOf, stringOr, unexpected } from './parse';

/** What a client's SMS reply asked for: STOP and START change whether anything is sent to them. */
export type ReplyKind = 'stop' | 'start' | 'help' | 'confirm' | 'cancel' | 'rearrange' | 'other';
export const REPLY_KINDS: readonly ReplyKind[] = ['stop', 'start', 'help', 'confirm', 'cancel', 'rearrange', 'other'];

export interface Reply {
  id: string;
  clientId: string;
  clientName: string;
  kind: ReplyKind;
  text: string;
  /** UTC. */
  receivedAt: string;
  read: boolean;
}

type Signal = Pick<RequestOptions, 'signal'>;

/** Newest first. */
export async function listReplies(options: Signal = {}): Promise<Reply[]> {
  return parseReplyList(await apiGet<unknown>('/replies', options));
}

export function parseReplyList(body: unknown): Reply[] {
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw unexpected();
  }
  return body.items.map(parseReply);
}

export async function markReplyRead(id: string): Promise<void> {
  await apiPost<unknown>(`/replies/${encodeURIComponent(id)}/read`);
}

/** Development only: as if the client with mobile `from` had texted `text`. It is handled in the background (202). */
export async function simulateInboundSms(from: string, text: string): Promise<void> {
  await apiPost<unknown>('/dev/inbound-sms', { from: from.trim(), text });
}

export function parseReply(body: unknown): Reply {
  if (!isRecord(body) || typeof body.id !== 'string') {
    throw unexpected();
  }
  return {
    id: body.id,
    clientId: stringOr(body.clientId, ''),
    clientName: stringOr(body.clientName, ''),
    kind: oneOf(body.kind, REPLY_KINDS, 'other'),
    text: stringOr(body.text, ''),
    receivedAt: stringOr(body.receivedAt, ''),
    read: body.read === true,
  };
}
