import { ApiError } from './client';

export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.find((candidate) => candidate === value) ?? fallback;
}

/** Blank optional text goes as null, so "none" is not mistaken for an empty value. */
export function blankToNull(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}

export function unexpected(): ApiError {
  return new ApiError('The server answered in an unexpected format.', 200, 'http');
}
