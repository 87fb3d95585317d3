export {
  ApiError,
  apiDelete,
  apiGet,
  apiPost,
  apiPostForm,
  apiPut,
  onSessionEnded,
  type ApiFailure,
  type FieldErrors,
  type RequestOptions,
} from './client';
export * from './account';
export { getHealth, type HealthCheck, type HealthReport, type HealthStatus } from './health';
export * from './clients';
export * from './appointments';
export * from './rules';
export * from './templates';
export * from './reminders';
export * from './replies';
export * from './unsubscribe';
export * from './directMessages';
export * from './history';
export * from './calendars';
export * from './dashboard';
