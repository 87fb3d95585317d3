import { describe, expect, it } from 'vitest';
import { jsonResponse, queuesDownReport, stubFetch } from '../test/fakeFetch';
import { getHealth } from './health';

describe('getHealth', () => {
  it('reads a healthy report from GET /api/health', async () => {
    const fetchMock = stubFetch(async () =>
      jsonResponse({ status: 'Healthy', version: '0.1.0', checks: [{ name: 'tables', status: 'Healthy', durationMs: 3, error: null }] }),
    );

    const report = await getHealth();

    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/health');
    expect(report).toEqual({
      status: 'Healthy',
      version: '0.1.0',
      checks: [{ name: 'tables', status: 'Healthy', durationMs: 3, error: null }],
    });
  });

  it('treats a 503 with a health report as data about a failing dependency', async () => {
    stubFetch(async () => jsonResponse(queuesDownReport, 503));

    const report = await getHealth();

    expect(report.status).toBe('Unhealthy');
    expect(report.checks[1]).toEqual({
      name: 'queues',
      status: 'Unhealthy',
      durationMs: 5002,
      error: 'Queue service unreachable: Connection refused',
    });
  });

  it('treats a 503 without a health report as an API error', async () => {
    stubFetch(async () => new Response('Service Unavailable', { status: 503 }));

    await expect(getHealth()).rejects.toMatchObject({ status: 503, failure: 'http' });
  });

  it('rejects a 200 whose body does not follow the contract', async () => {
    stubFetch(async () => jsonResponse({ ok: true }));

    await expect(getHealth()).rejects.toMatchObject({
      status: 200,
      message: 'The health check answered in an unexpected format.',
    });
  });
});
