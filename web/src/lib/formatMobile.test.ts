import { describe, expect, it } from 'vitest';
import { formatMobile } from './formatMobile';

describe('formatMobile', () => {
  it('spaces a United Kingdom mobile the way it is read aloud', () => {
    expect(formatMobile('+447700900123')).toBe('+44 7700 900123');
  });

  it('spaces a North American number in threes and four', () => {
    expect(formatMobile('+14155550123')).toBe('+1 415 555 0123');
  });

  it('separates a three-digit country code and groups the rest', () => {
    expect(formatMobile('+353871234567')).toBe('+353 871 234 567');
  });

  it('leaves anything that is not E.164 alone', () => {
    expect(formatMobile('07700 900123')).toBe('07700 900123');
  });
});
