import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TemplatePreviewRequest } from '../api/templates';
import { PREVIEW_DELAY_MS } from '../lib/typingPause';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { SmsTemplateForm } from './SmsTemplateEditor';
import { useTemplatePreview } from './useTemplatePreview';

const UNKNOWN = 'Unknown placeholder {Foo} at line 2, column 7. Did you mean {ClientName}?';

function previewOf(body: string) {
  const unknown = body.includes('{Foo}');
  return {
    channel: 'sms',
    subject: null,
    text: body.replaceAll('{ClientName}', 'Alex Sample'),
    html: null,
    sms: { encoding: 'GSM-7', characters: body.length, units: body.length, segments: 1, maxSegments: 3 },
    problems: unknown ? [{ field: 'body', line: 2, column: 7, message: UNKNOWN }] : [],
  };
}

function stubPreview() {
  return stubApi({
    'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
    'POST /api/templates/preview': (init) => {
      const { body } = JSON.parse(String(init?.body)) as { body: string };
      return jsonResponse(previewOf(body));
    },
    'PUT /api/templates/sms': () =>
      jsonResponse({ title: 'One or more validation errors occurred.', status: 400, errors: { Body: [UNKNOWN] } }, 400),
  });
}

function previewBodies(fetchMock: ReturnType<typeof stubApi>): string[] {
  return fetchMock.mock.calls
    .filter(([url]) => String(url) === '/api/templates/preview')
    .map(([, init]) => (JSON.parse(String(init?.body)) as { body: string }).body);
}

describe('the template preview', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for typing to pause, then asks once for the latest text', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fetchMock = stubPreview();
    const { result, rerender } = renderHook((request: TemplatePreviewRequest) => useTemplatePreview(request), {
      initialProps: { channel: 'sms', body: 'H' },
    });

    for (const body of ['Hi', 'Hi {', 'Hi {ClientName}']) {
      act(() => vi.advanceTimersByTime(PREVIEW_DELAY_MS - 50));
      rerender({ channel: 'sms', body });
    }
    act(() => vi.advanceTimersByTime(PREVIEW_DELAY_MS - 1));
    expect(previewBodies(fetchMock)).toEqual([]);
    act(() => vi.advanceTimersByTime(1));
    vi.useRealTimers();

    await waitFor(() => expect(result.current.preview?.text).toBe('Hi Alex Sample'));
    expect(previewBodies(fetchMock)).toEqual(['Hi {ClientName}']);
    expect(result.current.isUpdating).toBe(false);
  });
});

describe('the SMS template editor', () => {
  it('shows the preview’s problem with its position, then the text and segment count once it is fixed', async () => {
    stubPreview();
    render(<SmsTemplateForm initialBody="Hello" />);
    const body = screen.getByLabelText('SMS message');

    fireEvent.change(body, { target: { value: 'Hello\nHi it {Foo}' } });

    expect(await screen.findByText(UNKNOWN)).toBeTruthy();
    expect(screen.getByText('The template has a problem:')).toBeTruthy();

    fireEvent.change(body, { target: { value: 'Hi {ClientName}, see you tomorrow.' } });

    expect(await screen.findByText('Hi Alex Sample, see you tomorrow.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(UNKNOWN)).toBeNull());
    expect(screen.getByText(/· 1 segment$/)).toBeTruthy();
    expect(body.getAttribute('aria-describedby')).toContain('sms-template-counter');
  });

  it('inserts a placeholder at the cursor', async () => {
    stubPreview();
    render(<SmsTemplateForm initialBody="Hi , see you soon" />);
    const body = screen.getByLabelText<HTMLTextAreaElement>('SMS message');
    body.focus();
    body.setSelectionRange(3, 3);

    await userEvent.click(screen.getByRole('button', { name: 'Insert {ClientFirstName}' }));

    expect(body.value).toBe('Hi {ClientFirstName}, see you soon');
    expect(document.activeElement).toBe(body);
    expect(body.selectionStart).toBe('Hi {ClientFirstName}'.length);
  });

  it('shows the server’s refusal next to the message', async () => {
    stubPreview();
    render(<SmsTemplateForm initialBody="Hi {Foo}" />);

    await userEvent.click(screen.getByRole('button', { name: 'Save SMS template' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain(UNKNOWN);
    expect(screen.getByLabelText('SMS message').getAttribute('aria-invalid')).toBe('true');
  });
});
