export { ApiError, apiGet, type ApiFailure, type RequestOptions } from './client';
export { getHealth, type HealthCheck, type HealthReport, type HealthStatus } from './health';
