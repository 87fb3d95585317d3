import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { SignUpForm } from './SignUpForm';

function renderForm(onSignedUp = vi.fn()) {
  render(<SignUpForm onSignedUp={onSignedUp} />);
  return onSignedUp;
}

async function fillIn() {
  await userEvent.type(screen.getByLabelText('Business name'), 'Ada Hair Studio');
  await userEvent.type(screen.getByLabelText('Your name'), 'Ada Lovelace');
  await userEvent.type(screen.getByLabelText('Email address'), 'ada@example.com');
  await userEvent.type(screen.getByLabelText('Password', { selector: 'input' }), 'correct horse battery');
}

describe('SignUpForm', () => {
  it('defaults the country to the browser language’s region and the time zone to the browser’s', () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-AU');
    renderForm();

    expect((screen.getByLabelText('Country') as HTMLSelectElement).value).toBe('AU');
    expect((screen.getByLabelText('Time zone') as HTMLSelectElement).value).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('falls back to the United Kingdom when the browser language names no region', () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en');
    renderForm();

    expect((screen.getByLabelText('Country') as HTMLSelectElement).value).toBe('GB');
  });

  it('hints at 12 characters and lets the owner show the password', async () => {
    renderForm();
    const password = screen.getByLabelText('Password', { selector: 'input' });
    expect(password.getAttribute('type')).toBe('password');
    expect(document.getElementById(password.getAttribute('aria-describedby') ?? '')?.textContent).toContain('At least 12 characters');

    await userEvent.click(screen.getByRole('button', { name: 'Show password' }));

    expect(password.getAttribute('type')).toBe('text');
    expect(screen.getByRole('button', { name: 'Show password' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('sends the sign-up and reports the answer', async () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-GB');
    const fetchMock = stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'token-1' }),
      'POST /api/auth/signup': () => jsonResponse({ message: 'Check your email.' }, 202),
    });
    const onSignedUp = renderForm();
    await fillIn();

    await userEvent.click(screen.getByRole('button', { name: 'Start free trial' }));

    expect(onSignedUp).toHaveBeenCalledWith(expect.objectContaining({ email: 'ada@example.com' }), 'Check your email.');
    const [, init] = fetchMock.mock.calls.find(([url]) => String(url) === '/api/auth/signup') ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({
      businessName: 'Ada Hair Studio',
      ownerName: 'Ada Lovelace',
      email: 'ada@example.com',
      password: 'correct horse battery',
      country: 'GB',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  });

  it('shows the API’s field errors next to their fields and in a focused summary', async () => {
    stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'token-1' }),
      'POST /api/auth/signup': () =>
        jsonResponse(
          {
            title: 'One or more validation errors occurred.',
            status: 400,
            errors: { email: ['Enter a valid email address.'], timeZone: ['Choose a time zone.'] },
          },
          400,
        ),
    });
    const onSignedUp = renderForm();
    await fillIn();

    await userEvent.click(screen.getByRole('button', { name: 'Start free trial' }));

    const summary = await screen.findByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(summary.textContent).toContain('Enter a valid email address.');
    expect(summary.textContent).toContain('Choose a time zone.');
    const email = screen.getByLabelText('Email address');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (email.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent).join(' ')).toContain('Enter a valid email address.');
    expect(screen.getByLabelText('Time zone').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Business name').getAttribute('aria-invalid')).toBeNull();
    expect(onSignedUp).not.toHaveBeenCalled();
  });

  it('asks for 12 characters before sending a short password', async () => {
    const fetchMock = stubApi({});
    renderForm();
    await userEvent.type(screen.getByLabelText('Business name'), 'Ada Hair Studio');
    await userEvent.type(screen.getByLabelText('Your name'), 'Ada Lovelace');
    await userEvent.type(screen.getByLabelText('Email address'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password', { selector: 'input' }), 'short');

    await userEvent.click(screen.getByRole('button', { name: 'Start free trial' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Use at least 12 characters.');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says how long to wait after too many attempts', async () => {
    stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'token-1' }),
      'POST /api/auth/signup': () => new Response(null, { status: 429, headers: { 'Retry-After': '120' } }),
    });
    renderForm();
    await fillIn();

    await userEvent.click(screen.getByRole('button', { name: 'Start free trial' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Too many attempts. Try again in 2 minutes.');
  });
});
