import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { ChangeNoticesSection } from './ChangeNoticesSection';

const notices = {
  enabled: true,
  moved: { sms: 'Moved to {Time}. {AnswerLink}', subject: 'Moved', text: 'Now at {Time}.' },
  cancelled: { sms: 'Cancelled.', subject: 'Cancelled', text: 'It is off.' },
};
const preview = { channel: 'sms', subject: null, text: 'Moved to 10:30.', html: null, sms: null, problems: [], warnings: [] };

describe('change notices', () => {
  it('shows both notices with their previews, and turning them off saves just that', async () => {
    const fetchMock = stubApi({
      'GET /api/settings/notices': () => jsonResponse(notices),
      'PUT /api/settings/notices': () => jsonResponse({ ...notices, enabled: false }),
      'POST /api/templates/preview': () => jsonResponse(preview),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
    });
    render(<ChangeNoticesSection />);

    expect(await screen.findByRole('group', { name: 'When an appointment moves' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'When an appointment is cancelled' })).toBeTruthy();
    const box = screen.getByRole('checkbox', { name: 'Tell clients when their appointment moves or is cancelled' });
    expect((box as HTMLInputElement).checked).toBe(true);

    await userEvent.click(box);
    expect(screen.queryByRole('group', { name: 'When an appointment moves' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Save change notices' }));

    expect(await screen.findByText('Saved: change notices are off.')).toBeTruthy();
    const [, init] = fetchMock.mock.calls.find(([url, call]) => String(url) === '/api/settings/notices' && call?.method === 'PUT') ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ ...notices, enabled: false });
  });
});
