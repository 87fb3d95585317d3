import { describe, expect, it } from 'vitest';
import type { Plan } from '../api/account';
import { planNotice } from './planNotice';

const now = new Date('2026-11-23T12:00:00Z');

function plan(overrides: Partial<Plan> = {}): Plan {
  return {
    code: 'trial', name: 'Free trial', priceShown: 'Free', isTrial: true, endsAt: '2026-12-07T12:00:00Z', ended: false,
    smsAllowance: 50, smsUsed: 0, emailAllowance: 500, emailUsed: 0, ...overrides,
  };
}

describe('the plan notice', () => {
  it('says nothing while the trial has days to go and usage is low', () => {
    expect(planNotice(plan({ smsUsed: 39 }), now)).toBeNull();
  });

  it('warns from 80% of the text messages', () => {
    expect(planNotice(plan({ smsUsed: 40 }), now)).toEqual({ tone: 'warn', text: 'You have used 40 of your 50 text messages this month.' });
  });

  it('says what happens once the text messages are used up', () => {
    expect(planNotice(plan({ smsUsed: 50 }), now)?.text).toMatch(/^This month's text messages are used up: reminders go by email/);
  });

  it('stops everything else once the trial has ended, even before the server says so', () => {
    expect(planNotice(plan({ endsAt: '2026-11-23T11:59:00Z', smsUsed: 50 }), now)).toEqual({
      tone: 'stop',
      text: 'Your free trial has ended, so no reminders are being sent. Choose a plan to start sending again.',
    });
    expect(planNotice(plan({ isTrial: false, ended: true, endsAt: null }), now)?.text).toMatch(/^Your plan has ended/);
  });

  it('counts down the last three days of the trial', () => {
    expect(planNotice(plan({ endsAt: '2026-11-25T12:00:00Z' }), now)).toEqual({ tone: 'info', text: 'Your free trial ends in 2 days.' });
  });
});
