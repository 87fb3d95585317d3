import { ApiError, apiRequest, errorMessageFrom, isRecord, type RequestOptions } from './client';

export type HealthStatus = 'Healthy' | 'Unhealthy';

export interface HealthCheck {
  name: string;
  status: HealthStatus;
  durationMs: number;
  error: string | null;
}

export interface HealthReport {
  status: HealthStatus;
  version: string;
  checks: HealthCheck[];
}

/** 503 carries the same report as 200: a failing dependency is data to show, not an unreachable API. */
export async function getHealth(options: Pick<RequestOptions, 'signal' | 'timeoutMs'> = {}): Promise<HealthReport> {
  const { status, body } = await apiRequest<unknown>('GET', '/health', { ...options, acceptStatuses: [503], signedIn: false });
  const report = parseHealthReport(body);
  if (report === null) {
    // A gateway's own 503 page, or a body outside the contract.
    throw new ApiError(
      status === 200 ? 'The health check answered in an unexpected format.' : errorMessageFrom(body, status),
      status,
      'http',
    );
  }
  return report;
}

export function parseHealthReport(body: unknown): HealthReport | null {
  if (!isRecord(body) || !isHealthStatus(body.status) || typeof body.version !== 'string' || !Array.isArray(body.checks)) {
    return null;
  }
  const checks: HealthCheck[] = [];
  for (const item of body.checks) {
    const check = parseHealthCheck(item);
    if (check === null) {
      return null;
    }
    checks.push(check);
  }
  return { status: body.status, version: body.version, checks };
}

function parseHealthCheck(item: unknown): HealthCheck | null {
  if (!isRecord(item) || typeof item.name !== 'string' || !isHealthStatus(item.status) || typeof item.durationMs !== 'number') {
    return null;
  }
  const error = typeof item.error === 'string' ? item.error : null;
  return { name: item.name, status: item.status, durationMs: item.durationMs, error };
}

function isHealthStatus(value: unknown): value is HealthStatus {
  return value === 'Healthy' || value === 'Unhealthy';
}
