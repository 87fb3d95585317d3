import { apiGet, apiPut, isRecord, type RequestOptions } from './client';
import { unexpected } from './parse';

/** Which replies email the owner, and how often at most: what came in since the last email is listed in one. */
export interface AlertSettings {
  rearrange: boolean;
  cancellation: boolean;
  /** Free-text replies that need an answer. */
  freeText: boolean;
  stop: boolean;
  confirmation: boolean;
  everyMinutes: number;
}

export type AlertKind = Exclude<keyof AlertSettings, 'everyMinutes'>;

/** The only intervals the server takes. */
export const ALERT_INTERVALS: readonly number[] = [5, 15, 30, 60, 240, 1440];

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  rearrange: true,
  cancellation: true,
  freeText: true,
  stop: true,
  confirmation: false,
  everyMinutes: 15,
};

export function parseAlertSettings(body: unknown): AlertSettings {
  if (!isRecord(body)) {
    throw unexpected();
  }
  const flag = (kind: AlertKind) => (typeof body[kind] === 'boolean' ? (body[kind] as boolean) : DEFAULT_ALERT_SETTINGS[kind]);
  return {
    rearrange: flag('rearrange'),
    cancellation: flag('cancellation'),
    freeText: flag('freeText'),
    stop: flag('stop'),
    confirmation: flag('confirmation'),
    everyMinutes: ALERT_INTERVALS.find((minutes) => minutes === body.everyMinutes) ?? DEFAULT_ALERT_SETTINGS.everyMinutes,
  };
}

export async function getAlertSettings(options: Pick<RequestOptions, 'signal'> = {}): Promise<AlertSettings> {
  return parseAlertSettings(await apiGet<unknown>('/settings/alerts', options));
}

export async function saveAlertSettings(settings: AlertSettings): Promise<AlertSettings> {
  return parseAlertSettings(await apiPut<unknown>('/settings/alerts', settings));
}
