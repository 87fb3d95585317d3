import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { getLocalOutbox, getReminderContent, listReminders, saveReminderContent, skipReminder } from './reminders';
import { createRule, updateRule } from './rules';
import { getEmailTemplate, previewTemplate, saveEmailTemplate, saveSmsTemplate } from './templates';

const csrf = { 'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }) };
const rule = { id: 'rule-1', channel: 'sms', offsetMinutes: 1440, windowStart: '08:00', windowEnd: '20:00', keyword: null };
const reminder = {
  id: 'rem-1',
  appointmentId: 'appt-1',
  clientId: 'client-1',
  clientName: 'Ada Lovelace',
  channel: 'sms',
  dueAt: '2026-11-23T10:30:00Z',
  status: 'scheduled',
  reason: null,
  sentAt: null,
  deliveryStatus: null,
};

function sentBody(fetchMock: ReturnType<typeof stubApi>, method: string, url: string): unknown {
  const [, init] = fetchMock.mock.calls.find(([called, calledInit]) => String(called) === url && calledInit?.method === method) ?? [];
  return JSON.parse(String(init?.body));
}

describe('rules api', () => {
  it('sends a new rule with its window, and a blank keyword as null', async () => {
    const fetchMock = stubApi({ ...csrf, 'POST /api/rules': () => jsonResponse(rule, 201) });

    const created = await createRule({ channel: 'sms-or-email', offsetMinutes: 120, windowStart: '08:00', windowEnd: '20:00', keyword: '  ' });

    expect(created).toEqual(rule);
    expect(sentBody(fetchMock, 'POST', '/api/rules')).toEqual({
      channel: 'sms-or-email',
      offsetMinutes: 120,
      windowStart: '08:00',
      windowEnd: '20:00',
      keyword: null,
    });
  });

  it('changes a rule at its own address', async () => {
    const fetchMock = stubApi({ ...csrf, 'PUT /api/rules/rule-1': () => jsonResponse(rule) });

    await updateRule('rule-1', { channel: 'email', offsetMinutes: 30, windowStart: null, windowEnd: null, keyword: ' massage ' });

    expect(sentBody(fetchMock, 'PUT', '/api/rules/rule-1')).toEqual({ channel: 'email', offsetMinutes: 30, windowStart: null, windowEnd: null, keyword: 'massage' });
  });
});

describe('templates api', () => {
  it('saves the SMS and email templates with their channel', async () => {
    const fetchMock = stubApi({
      ...csrf,
      'PUT /api/templates/sms': () => jsonResponse({ channel: 'sms', body: 'Hi {ClientName}' }),
      'PUT /api/templates/email': () => jsonResponse({ channel: 'email', format: 'plain', subject: 'S', text: 'T', html: '<p>H</p>', logoUrl: null }),
    });

    await saveSmsTemplate({ body: 'Hi {ClientName}' });
    const email = await saveEmailTemplate({ format: 'plain', subject: 'S', text: 'T', html: '<p>H</p>', logoUrl: 'https://example.com/logo.png' });

    expect(sentBody(fetchMock, 'PUT', '/api/templates/sms')).toEqual({ channel: 'sms', body: 'Hi {ClientName}' });
    expect(sentBody(fetchMock, 'PUT', '/api/templates/email')).toEqual({
      channel: 'email',
      format: 'plain',
      subject: 'S',
      text: 'T',
      html: '<p>H</p>',
      logoUrl: 'https://example.com/logo.png',
    });
    expect(email).toEqual({ format: 'plain', subject: 'S', text: 'T', html: '<p>H</p>', logoUrl: '' });
  });

  it('reads an email template saved before formats existed as the owner’s own HTML', async () => {
    stubApi({ 'GET /api/templates/email': () => jsonResponse({ channel: 'email', subject: 'S', text: 'T', html: '<p>H</p>' }) });

    expect((await getEmailTemplate()).format).toBe('html');
  });

  it('previews a template and reads the SMS count and the problems', async () => {
    const fetchMock = stubApi({
      ...csrf,
      'POST /api/templates/preview': () =>
        jsonResponse({
          channel: 'sms',
          subject: null,
          text: 'Hi Alex',
          html: null,
          sms: { encoding: 'GSM-7', characters: 7, units: 7, segments: 1, maxSegments: 3 },
          problems: [{ field: 'body', line: 1, column: 4, message: 'Unknown placeholder {Foo}' }],
        }),
    });

    const preview = await previewTemplate({ channel: 'sms', body: 'Hi {Foo}' });

    expect(sentBody(fetchMock, 'POST', '/api/templates/preview')).toEqual({ channel: 'sms', body: 'Hi {Foo}' });
    expect(preview.sms).toEqual({ encoding: 'GSM-7', characters: 7, units: 7, segments: 1, maxSegments: 3 });
    expect(preview.problems).toEqual([{ field: 'body', line: 1, column: 4, message: 'Unknown placeholder {Foo}' }]);
  });
});

describe('reminders api', () => {
  it('asks for reminders by status and skips one', async () => {
    const fetchMock = stubApi({
      ...csrf,
      'GET /api/reminders?status=scheduled': () => jsonResponse({ items: [reminder] }),
      'POST /api/reminders/rem-1/skip': () => jsonResponse({ ...reminder, status: 'skipped' }),
    });

    const [listed] = await listReminders('scheduled');
    const skipped = await skipReminder('rem-1');

    expect(listed).toEqual(reminder);
    expect(skipped.status).toBe('skipped');
    expect(fetchMock.mock.calls.map(([url, init]) => `${init?.method ?? 'GET'} ${String(url)}`)).toContain('POST /api/reminders/rem-1/skip');
  });

  it('keeps a cancelled reminder cancelled and a channel the client cannot be reached by as the rule said, so the badge agrees with its tab', async () => {
    stubApi({
      'GET /api/reminders?status=skipped': () =>
        jsonResponse({ items: [{ ...reminder, status: 'cancelled' }, { ...reminder, id: 'rem-2', status: 'skipped', channel: 'sms-or-email' }] }),
    });

    const listed = await listReminders('skipped');

    expect(listed.map((item) => [item.status, item.channel])).toEqual([
      ['cancelled', 'sms'],
      ['skipped', 'sms-or-email'],
    ]);
  });

  it('reads what the provider reported about delivery, and none for a status it does not know', async () => {
    const sent = { ...reminder, status: 'sent', sentAt: '2026-11-23T10:30:05Z' };
    stubApi({
      'GET /api/reminders?status=sent': () =>
        jsonResponse({ items: [{ ...sent, deliveryStatus: 'delivered' }, { ...sent, id: 'rem-2', deliveryStatus: 'bounced' }, { ...sent, id: 'rem-3' }] }),
    });

    const listed = await listReminders('sent');

    expect(listed.map((item) => item.deliveryStatus)).toEqual(['delivered', null, null]);
  });

  it('saves what reminders may include', async () => {
    const content = { includeTitle: true, includeLocation: false, includeDescription: false, confirmKeywords: ['OK'], cancelKeywords: ['NO', 'CANCEL APPT'] };
    const fetchMock = stubApi({ ...csrf, 'PUT /api/settings/reminders': () => jsonResponse(content) });

    expect(await saveReminderContent(content)).toEqual(content);
    expect(sentBody(fetchMock, 'PUT', '/api/settings/reminders')).toEqual(content);
  });

  it('reads reply words as lists of strings, ignoring anything else', async () => {
    stubApi({ 'GET /api/settings/reminders': () => jsonResponse({ includeTitle: false, confirmKeywords: ['YES', 3, null], cancelKeywords: 'NO' }) });

    const content = await getReminderContent();

    expect([content.confirmKeywords, content.cancelKeywords]).toEqual([['YES'], []]);
  });

  it('reads the local outbox, and treats its absence (404) as none', async () => {
    const message = { reminderId: 'rem-1', channel: 'sms', to: '+447700900123', subject: null, body: 'Hi Ada', sentAt: '2026-11-23T10:30:00Z' };
    stubApi({ 'GET /api/dev/outbox': () => jsonResponse([message]) });
    expect(await getLocalOutbox()).toEqual([message]);

    stubApi({});
    expect(await getLocalOutbox()).toBeNull();
  });
});
