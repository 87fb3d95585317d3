import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { DEFAULT_ALERT_SETTINGS, getAlertSettings, parseAlertSettings, saveAlertSettings } from './alerts';

describe('owner alert settings api', () => {
  it('reads the settings, taking the defaults for anything missing or unknown', () => {
    expect(parseAlertSettings({ rearrange: false, stop: 'yes', everyMinutes: 7 })).toEqual({ ...DEFAULT_ALERT_SETTINGS, rearrange: false });
    expect(parseAlertSettings({ confirmation: true, everyMinutes: 1440 })).toEqual({ ...DEFAULT_ALERT_SETTINGS, confirmation: true, everyMinutes: 1440 });
    expect(() => parseAlertSettings(null)).toThrow('unexpected format');
  });

  it('loads and saves every field, the save with the security token', async () => {
    const saved = { rearrange: true, cancellation: false, freeText: true, stop: true, confirmation: true, everyMinutes: 60 };
    const fetchMock = stubApi({
      'GET /api/settings/alerts': () => jsonResponse(DEFAULT_ALERT_SETTINGS),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'PUT /api/settings/alerts': () => jsonResponse(saved),
    });

    expect(await getAlertSettings()).toEqual(DEFAULT_ALERT_SETTINGS);
    expect(await saveAlertSettings(saved)).toEqual(saved);

    const [, init] = fetchMock.mock.calls.find(([, call]) => call?.method === 'PUT') ?? [];
    expect(JSON.parse(String(init?.body))).toEqual(saved);
    expect(new Headers(init?.headers).get('X-CSRF-Token')).toBe('csrf-1');
  });
});
