import { apiGet, apiPut, isRecord, type RequestOptions } from './client';
import { stringOr, unexpected } from './parse';

export type NoticeKind = 'moved' | 'cancelled';

/** The words of one kind of change notice: a text message, and an email's subject and text. */
export interface NoticeTemplate {
  sms: string;
  subject: string;
  text: string;
}

/** Whether clients are told when an appointment they were reminded of moves or is cancelled, and what they are told. */
export interface NoticeSettings {
  enabled: boolean;
  moved: NoticeTemplate;
  cancelled: NoticeTemplate;
}

export function parseNoticeSettings(body: unknown): NoticeSettings {
  if (!isRecord(body) || !isRecord(body.moved) || !isRecord(body.cancelled)) {
    throw unexpected();
  }
  return { enabled: body.enabled !== false, moved: template(body.moved), cancelled: template(body.cancelled) };
}

function template(body: Record<string, unknown>): NoticeTemplate {
  return { sms: stringOr(body.sms, ''), subject: stringOr(body.subject, ''), text: stringOr(body.text, '') };
}

export async function getNoticeSettings(options: Pick<RequestOptions, 'signal'> = {}): Promise<NoticeSettings> {
  return parseNoticeSettings(await apiGet<unknown>('/settings/notices', options));
}

export async function saveNoticeSettings(settings: NoticeSettings): Promise<NoticeSettings> {
  return parseNoticeSettings(await apiPut<unknown>('/settings/notices', settings));
}
