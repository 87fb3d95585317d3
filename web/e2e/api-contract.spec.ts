import { expect, test, type Page } from '@playwright/test';
import { parseActivity, parseMe, parsePlan } from '../src/api/account';
import { parseAppointment, parseAppointmentList } from '../src/api/appointments';
import { parseCalendarsOverview, parseReviewList } from '../src/api/calendars';
import { parseClient, parseClientPage, parseDataSummary } from '../src/api/clients';
import { parseDashboard } from '../src/api/dashboard';
import { parseHealthReport } from '../src/api/health';
import { parseDailyHistory, parseHistoryPage } from '../src/api/history';
import { parseIcsFeedList } from '../src/api/icsFeeds';
import { parseReminderContent, parseReminderList } from '../src/api/reminders';
import { parseReplyList } from '../src/api/replies';
import { parseRuleList } from '../src/api/rules';
import { parseEmailTemplate, parseSmsTemplate } from '../src/api/templates';
import { DEMO } from './support/accounts';
import { UK, useTheDemoOwner } from './support/session';

// The web app's parsers (src/api) against what the API really answers, for the seeded demo clinic: a parser that throws,
// or quietly falls back to a default because a field was renamed, fails here rather than in the owner's browser.

test.use(UK);
useTheDemoOwner();

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Json = Record<string, unknown>;
type JsonList<Key extends string> = Record<Key, Json[]>;

async function getJson<T = Json>(page: Page, path: string, statuses: readonly number[] = [200]): Promise<T> {
  const response = await page.request.get(`/api${path}`);
  expect(statuses, `GET /api${path} answered ${response.status()}`).toContain(response.status());
  return (await response.json()) as T;
}

/** The values the parser chose are the ones the API sent, not its fallbacks for a value it did not recognise. */
function expectSameValues<T extends object>(parsed: readonly T[], raw: readonly Json[], keys: readonly (keyof T & string)[]): void {
  expect(parsed).toHaveLength(raw.length);
  parsed.forEach((item, index) => {
    for (const key of keys) {
      expect(item[key], `${key} of item ${index}`).toBe(raw[index]?.[key]);
    }
  });
}

test('the owner and their plan', async ({ page }) => {
  const me = parseMe(await getJson(page, '/me'));
  expect(me.email).toBe(DEMO.email);
  expect(me.id).not.toBe('');
  expect(me.businessName).not.toBe('');
  expect(me.timeZone).not.toBe('');
  expect(me.plan.code).not.toBe('');

  const overview = await getJson<{ current: Json }>(page, '/plan');
  const plan = parsePlan(overview.current);
  expect(plan.code).toBe(me.plan.code);
  expect(plan.smsAllowance).toBe(overview.current.smsAllowance);
  expect(plan.isTrial).toBe(overview.current.isTrial);

  const activity = parseActivity(await getJson(page, '/me/audit'));
  expect(activity.length).toBeGreaterThan(0);
  expect(activity.every((entry) => entry.at !== '' && entry.event !== 'Unknown')).toBe(true);
});

test('the dashboard', async ({ page }) => {
  const raw = await getJson<Json & { days: { date: string; appointments: Json[] }[] }>(page, '/dashboard');
  const dashboard = parseDashboard(raw);
  expect(dashboard.today).toMatch(DATE);
  expect(dashboard.days.map((day) => day.date)).toEqual(raw.days.map((day) => day.date));
  const appointments = dashboard.days.flatMap((day) => day.appointments);
  expect(appointments.length).toBeGreaterThan(0);
  expectSameValues(appointments, raw.days.flatMap((day) => day.appointments), ['id', 'clientName', 'start', 'status']);
  expect(appointments.every((appointment) => LOCAL_DATE_TIME.test(appointment.start))).toBe(true);
  expect(dashboard.daily.length).toBeGreaterThan(0);
  expect(dashboard.plan.code).not.toBe('');
});

test('clients, one by one and as a page', async ({ page }) => {
  const raw = await getJson<JsonList<'items'> & Json>(page, '/clients?page=1&pageSize=50');
  const clients = parseClientPage(raw, { page: 1, pageSize: 50 });
  expect(clients.items.length).toBeGreaterThan(0);
  expect(clients.total).toBe(raw.total);
  expectSameValues(clients.items, raw.items, ['id', 'name', 'status', 'emailOptedOut']);

  const first = clients.items[0]!;
  const client = parseClient(await getJson(page, `/clients/${encodeURIComponent(first.id)}`));
  expect(client.id).toBe(first.id);
  expect(client.name).toBe(first.name);

  const summary = parseDataSummary(await getJson(page, '/data-summary'));
  expect(summary.categories.length).toBeGreaterThan(0);
  expect(summary.categories.every((category) => category.key !== '' && category.name !== '')).toBe(true);
  expect(summary.generatedAt).not.toBe('');
});

test('appointments, as a list and one by one', async ({ page }) => {
  const raw = await getJson<JsonList<'items'>>(page, '/appointments');
  const appointments = parseAppointmentList(raw);
  expect(appointments.length).toBeGreaterThan(0);
  expectSameValues(appointments, raw.items, ['id', 'clientId', 'start', 'end', 'timeZone', 'status']);
  expect(appointments.every((appointment) => LOCAL_DATE_TIME.test(appointment.start) && appointment.timeZone !== '')).toBe(true);

  const first = appointments[0]!;
  const appointment = parseAppointment(await getJson(page, `/appointments/${encodeURIComponent(first.id)}`));
  expect(appointment.id).toBe(first.id);
  expect(appointment.clientName).toBe(first.clientName);
  expect(appointment.reminders.every((reminder) => reminder.id !== '' && reminder.dueAt !== '')).toBe(true);
});

test('reminder rules, templates and what the reminders say', async ({ page }) => {
  const rawRules = await getJson<JsonList<'items'>>(page, '/rules');
  const rules = parseRuleList(rawRules);
  expect(rules.length).toBeGreaterThan(0);
  expectSameValues(rules, rawRules.items, ['id', 'channel', 'offsetMinutes']);

  const sms = parseSmsTemplate(await getJson(page, '/templates/sms'));
  expect(sms.body).not.toBe('');

  const rawEmail = await getJson(page, '/templates/email');
  const email = parseEmailTemplate(rawEmail);
  expect(email.format).toBe(rawEmail.format);
  expect(email.subject).not.toBe('');

  const content = parseReminderContent(await getJson(page, '/settings/reminders'));
  expect(content.confirmKeywords.length).toBeGreaterThan(0);
  expect(content.cancelKeywords.length).toBeGreaterThan(0);
});

test('reminders by status', async ({ page }) => {
  for (const status of ['scheduled', 'sent'] as const) {
    const raw = await getJson<JsonList<'items'>>(page, `/reminders?status=${status}`);
    const reminders = parseReminderList(raw);
    expectSameValues(reminders, raw.items, ['id', 'appointmentId', 'clientName', 'channel', 'status']);
  }
});

test('the message history, day by day, and the replies', async ({ page }) => {
  const raw = await getJson<JsonList<'items'> & Json>(page, '/history');
  const history = parseHistoryPage(raw);
  expect(history.items.length).toBeGreaterThan(0);
  expectSameValues(history.items, raw.items, ['id', 'clientName', 'channel', 'status']);
  expect(history.items.map((item) => item.kind)).toEqual(raw.items.map((item) => item.kind));
  expect(history.nextCursor).toBe(raw.nextCursor ?? null);

  const rawDays = await getJson<JsonList<'days'>>(page, '/history/daily?days=30');
  const days = parseDailyHistory(rawDays);
  // Days that are not YYYY-MM-DD would be dropped: none may be.
  expect(days).toHaveLength(rawDays.days.length);
  expect(days.some((day) => day.sent > 0)).toBe(true);

  const rawReplies = await getJson<JsonList<'items'>>(page, '/replies');
  expectSameValues(parseReplyList(rawReplies), rawReplies.items, ['id', 'kind', 'text', 'read']);
});

test('calendars, their review list and iCalendar feeds', async ({ page }) => {
  const raw = await getJson<JsonList<'connections'> & Json>(page, '/calendars');
  const overview = parseCalendarsOverview(raw);
  expect(overview.configured).toBe(raw.configured);
  expect(overview.reviewCount).toBe(raw.reviewCount);
  expectSameValues(overview.connections, raw.connections, ['id', 'mailbox', 'status']);

  const rawReview = await getJson<JsonList<'items'>>(page, '/calendars/review');
  expectSameValues(parseReviewList(rawReview), rawReview.items, ['id', 'subject', 'start', 'reason']);

  const rawFeeds = await getJson<JsonList<'feeds'>>(page, '/calendars/ics');
  expectSameValues(parseIcsFeedList(rawFeeds), rawFeeds.feeds, ['id', 'name', 'lastSyncFailed']);
});

test('the health report, which a failing dependency answers with 503', async ({ page }) => {
  const report = parseHealthReport(await getJson(page, '/health', [200, 503]));
  expect(report).not.toBeNull();
  expect(report?.checks.length).toBeGreaterThan(0);
});
