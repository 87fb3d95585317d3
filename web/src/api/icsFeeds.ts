import { apiDelete, apiGet, apiPost, apiPut, isRecord, type RequestOptions } from './client';
import { unexpected } from './parse';

/** How a calendar's events are matched to clients and which are left out; the same options as an Outlook calendar's. */
export interface MatchingSettings {
  matchAttendeeEmail: boolean;
  matchNameInSubject: boolean;
  matchContactInText: boolean;
  createClients: boolean;
  includeAllDay: boolean;
  includeFree: boolean;
}

export const MATCHING_KEYS: readonly (keyof MatchingSettings)[] = [
  'matchAttendeeEmail',
  'matchNameInSubject',
  'matchContactInText',
  'createClients',
  'includeAllDay',
  'includeFree',
];

/** What a new feed starts with when the owner changes nothing, as the API defaults it. */
export const DEFAULT_MATCHING: MatchingSettings = {
  matchAttendeeEmail: true,
  matchNameInSubject: true,
  matchContactInText: true,
  createClients: false,
  includeAllDay: false,
  includeFree: false,
};

/** An iCalendar feed the owner subscribed to. The address is only ever the masked one ("https://calendar.google.com/…"). */
export interface IcsFeed {
  id: string;
  name: string;
  address: string;
  matching: MatchingSettings;
  /** UTC, the last attempt whether or not it worked; null until the first sync. */
  lastSyncAt: string | null;
  /** UTC, the last sync that read the calendar; null when none has yet. */
  lastSuccessAt: string | null;
  /** The last attempt failed: `lastError` says why. Otherwise `lastError` is at most a note (e.g. events it skipped). */
  lastSyncFailed: boolean;
  /** In plain words, for the owner. */
  lastError: string | null;
}

export interface NewIcsFeed {
  name: string;
  url: string;
  matching?: MatchingSettings;
}

/** Only what changes is sent; a new url replaces the address (after the owner reset it at their calendar provider). */
export interface IcsFeedChange {
  name?: string;
  url?: string;
  matching?: MatchingSettings;
}

export interface SyncOutcome {
  calendars: number;
  failed: number;
}

type Signal = Pick<RequestOptions, 'signal'>;
const FEEDS = '/calendars/ics';

export async function listIcsFeeds(options: Signal = {}): Promise<IcsFeed[]> {
  return parseIcsFeedList(await apiGet<unknown>(FEEDS, options));
}

export function parseIcsFeedList(body: unknown): IcsFeed[] {
  if (!isRecord(body) || !Array.isArray(body.feeds)) {
    throw unexpected();
  }
  return body.feeds.map(parseIcsFeed);
}

/** Field errors come back on the ApiError as `name` and `url`; a 409 means the account has as many feeds as it may. */
export async function addIcsFeed(feed: NewIcsFeed): Promise<IcsFeed> {
  return parseIcsFeed(await apiPost<unknown>(FEEDS, { name: feed.name.trim(), url: feed.url.trim(), matching: feed.matching ?? null }));
}

export async function changeIcsFeed(id: string, change: IcsFeedChange): Promise<IcsFeed> {
  const body = {
    ...(change.name !== undefined ? { name: change.name.trim() } : {}),
    ...(change.url !== undefined ? { url: change.url.trim() } : {}),
    ...(change.matching !== undefined ? { matching: change.matching } : {}),
  };
  return parseIcsFeed(await apiPut<unknown>(`${FEEDS}/${encodeURIComponent(id)}`, body));
}

/** Returns how many future appointments were cancelled (none unless asked). */
export async function removeIcsFeed(id: string, cancelFutureAppointments: boolean): Promise<number> {
  const body = await apiDelete<unknown>(`${FEEDS}/${encodeURIComponent(id)}`, { cancelFutureAppointments });
  if (!isRecord(body) || !isCount(body.cancelledAppointments)) {
    throw unexpected();
  }
  return body.cancelledAppointments;
}

/** Syncs all the owner's calendars now: Outlook calendars and feeds alike. */
export async function syncCalendarsNow(): Promise<SyncOutcome> {
  const body = await apiPost<unknown>('/calendars/sync');
  if (!isRecord(body) || !isCount(body.calendars) || !isCount(body.failed)) {
    throw unexpected();
  }
  return { calendars: body.calendars, failed: body.failed };
}

/** Strict: anything not shaped like a feed is an error rather than a half-filled row. */
export function parseIcsFeed(body: unknown): IcsFeed {
  if (
    !isRecord(body) ||
    typeof body.id !== 'string' ||
    body.id === '' ||
    body.kind !== 'ics' ||
    typeof body.name !== 'string' ||
    typeof body.address !== 'string' ||
    !isNullableString(body.lastSyncAt) ||
    !isNullableString(body.lastError) ||
    !isNullableString(body.lastSuccessAt) ||
    typeof body.lastSyncFailed !== 'boolean'
  ) {
    throw unexpected();
  }
  return {
    id: body.id,
    name: body.name,
    address: maskedAddress(body.address),
    matching: parseMatching(body.matching),
    lastSyncAt: body.lastSyncAt,
    lastSuccessAt: body.lastSuccessAt,
    lastSyncFailed: body.lastSyncFailed,
    lastError: body.lastError === '' ? null : body.lastError,
  };
}

function parseMatching(value: unknown): MatchingSettings {
  if (!isRecord(value)) {
    throw unexpected();
  }
  const matching = { ...DEFAULT_MATCHING };
  for (const key of MATCHING_KEYS) {
    const flag = value[key];
    if (typeof flag !== 'boolean') {
      throw unexpected();
    }
    matching[key] = flag;
  }
  return matching;
}

/** The server only sends masked addresses; should a full one ever arrive, its secret path is not put on screen. */
export function maskedAddress(address: string): string {
  if (address.endsWith('/…')) {
    return address;
  }
  try {
    const url = new URL(address);
    return `${url.protocol}//${url.hostname}/…`;
  } catch {
    return '(hidden address)';
  }
}

function isNullableString(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
