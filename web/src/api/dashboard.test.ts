import { describe, expect, it } from 'vitest';
import { dashboardFixture } from '../test/dashboardFixture';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { getDashboard, sendTestMessage } from './dashboard';

describe('dashboard api', () => {
  it('reads the dashboard, keeping unknown states readable and missing parts empty', async () => {
    const body = dashboardFixture();
    body.days[0]!.appointments[0]!.reminders[0]!.status = 'teleported';
    stubApi({ 'GET /api/dashboard': () => jsonResponse({ ...body, attention: { ...body.attention, failed: undefined } }) });

    const dashboard = await getDashboard();

    expect(dashboard.days.map((day) => day.date)).toEqual(['2026-11-23', '2026-11-25']);
    expect(dashboard.days[0]?.appointments[0]?.reminders[0]).toMatchObject({ status: 'scheduled', deliveryStatus: 'delivered' });
    expect(dashboard.days[0]?.appointments[0]?.response).toBe('confirmed');
    expect(dashboard.days[1]?.appointments[0]?.response).toBeNull();
    expect(dashboard.attention.failed).toEqual([]);
    expect(dashboard.attention.unreadReplies).toBe(3);
    expect(dashboard.plan).toMatchObject({ smsUsed: 12, smsAllowance: 50, emailAllowance: 500, isTrial: true, ended: false });
    expect(dashboard.daily).toHaveLength(30);
  });

  it('refuses an answer that is not a dashboard', async () => {
    stubApi({ 'GET /api/dashboard': () => jsonResponse({ days: 'soon' }) });

    await expect(getDashboard()).rejects.toThrow('unexpected format');
  });

  it('posts a test message with the security token and the channel and number', async () => {
    const fetchMock = stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/dashboard/test-message': () => jsonResponse({ channel: 'sms', to: '…0555', message: 'A test text is on its way.' }),
    });

    const result = await sendTestMessage('sms', '07700 900555');

    expect(result).toEqual({ channel: 'sms', to: '…0555', message: 'A test text is on its way.' });
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(new Headers(post[1]?.headers).get('X-CSRF-Token')).toBe('csrf-1');
    expect(JSON.parse(String(post[1]?.body))).toEqual({ channel: 'sms', mobile: '07700 900555' });
  });
});
