import { apiGet, apiPost, apiPut, isRecord, type RequestOptions } from './client';
import { numberOr, oneOf, stringOr, stringOrNull, unexpected } from './parse';

export interface SmsTemplate {
  body: string;
}

/** "plain": the text, laid out by us with the business's details; "html": the owner's own HTML (advanced). */
export type EmailFormat = 'plain' | 'html';

export interface EmailTemplate {
  format: EmailFormat;
  subject: string;
  /** The message in the plain format; the plain-text version beside the HTML in the html format. */
  text: string;
  html: string;
  /** An https image shown at the top of a plain email instead of the business name; '' for none. */
  logoUrl: string;
}

export type TemplateChannel = 'sms' | 'email';

/** What the preview renders: the SMS body, or the email's parts. */
export type TemplatePreviewRequest = { channel: 'sms'; body: string } | ({ channel: 'email' } & EmailTemplate);

export interface SmsCount {
  encoding: 'GSM-7' | 'UCS-2';
  characters: number;
  units: number;
  segments: number;
  /** The server refuses to save a template longer than this. */
  maxSegments: number;
}

export interface TemplateProblem {
  field: string;
  line: number;
  column: number;
  message: string;
}

/** A template rendered with a sample appointment ("Alex Sample", tomorrow at 10:30). */
export interface TemplatePreview {
  channel: TemplateChannel;
  subject: string | null;
  text: string;
  html: string | null;
  sms: SmsCount | null;
  problems: TemplateProblem[];
  /** Placeholders that will always be blank with the account's privacy choices or missing details. */
  warnings: string[];
}

/** Inserted at the cursor by the editors; `{{` and `}}` write a literal brace. */
export const PLACEHOLDERS = [
  '{ClientName}',
  '{ClientFirstName}',
  '{BusinessName}',
  '{BusinessAddress}',
  '{BusinessPhone}',
  '{Date}',
  '{Time}',
  '{DayOfWeek}',
  '{Title}',
  '{Location}',
  '{Description}',
  '{ConfirmHint}',
  '{AnswerLink}',
] as const;


export async function getSmsTemplate(options: Pick<RequestOptions, 'signal'> = {}): Promise<SmsTemplate> {
  return parseSmsTemplate(await apiGet<unknown>('/templates/sms', options));
}

export async function saveSmsTemplate(template: SmsTemplate): Promise<SmsTemplate> {
  return parseSmsTemplate(await apiPut<unknown>('/templates/sms', { channel: 'sms', body: template.body }));
}

export async function getEmailTemplate(options: Pick<RequestOptions, 'signal'> = {}): Promise<EmailTemplate> {
  return parseEmailTemplate(await apiGet<unknown>('/templates/email', options));
}

export async function saveEmailTemplate(template: EmailTemplate): Promise<EmailTemplate> {
  const { format, subject, text, html, logoUrl } = template;
  return parseEmailTemplate(await apiPut<unknown>('/templates/email', { channel: 'email', format, subject, text, html, logoUrl }));
}

export async function previewTemplate(request: TemplatePreviewRequest, options: Pick<RequestOptions, 'signal'> = {}): Promise<TemplatePreview> {
  const body = await apiPost<unknown>('/templates/preview', request, options);
  if (!isRecord(body)) {
    throw unexpected();
  }
  return {
    channel: oneOf(body.channel, ['sms', 'email'] as const, request.channel),
    subject: stringOrNull(body.subject),
    text: stringOr(body.text, ''),
    html: stringOrNull(body.html),
    sms: isRecord(body.sms)
      ? {
          encoding: oneOf(body.sms.encoding, ['GSM-7', 'UCS-2'] as const, 'GSM-7'),
          characters: numberOr(body.sms.characters, 0),
          units: numberOr(body.sms.units, 0),
          segments: numberOr(body.sms.segments, 0),
          maxSegments: numberOr(body.sms.maxSegments, 0),
        }
      : null,
    problems: Array.isArray(body.problems)
      ? body.problems.filter(isRecord).map((problem) => ({
          field: stringOr(problem.field, ''),
          line: numberOr(problem.line, 0),
          column: numberOr(problem.column, 0),
          message: stringOr(problem.message, ''),
        }))
      : [],
    warnings: Array.isArray(body.warnings) ? body.warnings.filter((warning) => typeof warning === 'string') : [],
  };
}

export function parseSmsTemplate(body: unknown): SmsTemplate {
  if (!isRecord(body) || typeof body.body !== 'string') {
    throw unexpected();
  }
  return { body: body.body };
}

export function parseEmailTemplate(body: unknown): EmailTemplate {
  if (!isRecord(body)) {
    throw unexpected();
  }
  return {
    format: oneOf(body.format, ['plain', 'html'] as const, 'html'),
    subject: stringOr(body.subject, ''),
    text: stringOr(body.text, ''),
    html: stringOr(body.html, ''),
    logoUrl: stringOr(body.logoUrl, ''),
  };
}
