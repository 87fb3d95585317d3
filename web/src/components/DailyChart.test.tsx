import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { HistoryDay } from '../api/history';
import { chartSummary, DailyChart } from './DailyChart';

/** 30 days to 2026-11-23; only the last two have anything. */
function days(): HistoryDay[] {
  return Array.from({ length: 30 }, (_, index) => {
    const date = new Date(Date.UTC(2026, 9, 25 + index)).toISOString().slice(0, 10);
    if (date === '2026-11-22') return { date, sent: 4, delivered: 3, failed: 1 };
    if (date === '2026-11-23') return { date, sent: 2, delivered: 2, failed: 0 };
    return { date, sent: 0, delivered: 0, failed: 0 };
  });
}

describe('the daily chart', () => {
  it('draws a sent and a delivered bar for each day, the tallest at full height', () => {
    const { container } = render(<DailyChart days={days()} />);

    expect(container.querySelectorAll('.daily-chart__bar--sent')).toHaveLength(30);
    expect(container.querySelectorAll('.daily-chart__bar--delivered')).toHaveLength(30);
    const heights = [...container.querySelectorAll('.daily-chart__bar--sent')].map((bar) => Number(bar.getAttribute('height')));
    expect(heights.slice(0, 28).every((height) => height === 0)).toBe(true);
    expect(heights[28]).toBeGreaterThan(heights[29]!);
    expect(heights[29]).toBeCloseTo(heights[28]! / 2);
    expect(container.querySelector('[style]')).toBeNull();
  });

  it('is one image to a screen reader, labelled with the totals', () => {
    render(<DailyChart days={days()} />);

    const image = screen.getByRole('img');
    expect(image.tagName.toLowerCase()).toBe('svg');
    expect(image.getAttribute('aria-label')).toBe(chartSummary(days()));
    expect(image.getAttribute('aria-label')).toMatch(/^Messages sent in the last 30 days: 6 sent, 5 delivered, 1 failed\. The busiest day was /);
  });

  it('says when nothing was sent', () => {
    expect(chartSummary(days().map((day) => ({ ...day, sent: 0, delivered: 0, failed: 0 })))).toBe('Messages sent in the last 30 days: none.');
  });

  it('lists each day’s numbers in a table behind “Show as a table”', async () => {
    render(<DailyChart days={days()} />);
    const details = screen.getByText('Show as a table').closest('details')!;
    expect(details.open).toBe(false);

    await userEvent.click(screen.getByText('Show as a table'));

    expect(details.open).toBe(true);
    const rows = within(details).getAllByRole('row');
    expect(rows).toHaveLength(31);
    expect(within(rows[0]!).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Day', 'Sent', 'Delivered', 'Failed']);
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells(rows[29]!)).toEqual(['4', '3', '1']);
    expect(cells(rows[30]!)).toEqual(['2', '2', '0']);
    expect(rows[30]!.querySelector('time')?.getAttribute('dateTime')).toBe('2026-11-23');
  });
});
