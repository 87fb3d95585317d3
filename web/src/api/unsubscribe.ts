import { apiGet, apiPost, isRecord, type RequestOptions } from './client';
import { stringOr, unexpected } from './parse';

/** What an unsubscribe link from a reminder email is for; no sign-in needed, the token says who. */
export interface UnsubscribeLink {
  businessName: string;
  alreadyUnsubscribed: boolean;
}

export interface Unsubscribed {
  message: string;
  businessName: string;
}

export async function getUnsubscribeLink(token: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<UnsubscribeLink> {
  const body = await apiGet<unknown>(unsubscribePath(token), { ...options, signedIn: false });
  if (!isRecord(body)) {
    throw unexpected();
  }
  return { businessName: stringOr(body.businessName, ''), alreadyUnsubscribed: body.alreadyUnsubscribed === true };
}

export async function unsubscribe(token: string): Promise<Unsubscribed> {
  const body = await apiPost<unknown>(unsubscribePath(token), { token }, { signedIn: false });
  if (!isRecord(body)) {
    throw unexpected();
  }
  return { message: stringOr(body.message, ''), businessName: stringOr(body.businessName, '') };
}

function unsubscribePath(token: string): string {
  return `/unsubscribe?${new URLSearchParams({ token }).toString()}`;
}
