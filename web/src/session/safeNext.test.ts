import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safeNext';

describe('safeNextPath', () => {
  it('keeps a path on this site with its query', () => {
    expect(safeNextPath('/settings?tab=plan')).toBe('/settings?tab=plan');
  });

  it.each(['//evil.com', 'https://evil.com', '/\\evil', '/\\/evil.com', '\\\\evil.com', 'evil.com', 'javascript:alert(1)', '/\t/evil.com', ''])(
    'refuses %j and goes to the dashboard',
    (next) => {
      expect(safeNextPath(next)).toBe('/dashboard');
    },
  );

  it('goes to the dashboard when there is no next', () => {
    expect(safeNextPath(null)).toBe('/dashboard');
  });
});
