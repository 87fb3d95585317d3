import type { Plan } from '../api/account';

export type PlanNoticeTone = 'stop' | 'warn' | 'info';

export interface PlanNotice {
  tone: PlanNoticeTone;
  text: string;
}

/** The share of an allowance at which the owner is warned, as on the server. */
export const WARN_AT = 0.8;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The one thing about the plan every page should say, most serious first; null when all is well. */
export function planNotice(plan: Plan, now: Date = new Date()): PlanNotice | null {
  const ended = plan.ended || (plan.endsAt !== null && new Date(plan.endsAt).getTime() <= now.getTime());
  if (ended) {
    return {
      tone: 'stop',
      text: plan.isTrial
        ? 'Your free trial has ended, so no reminders are being sent. Choose a plan to start sending again.'
        : 'Your plan has ended, so no reminders are being sent. Renew it to start sending again.',
    };
  }
  if (plan.smsAllowance >= 0 && plan.smsUsed >= plan.smsAllowance) {
    return {
      tone: 'warn',
      text: "This month's text messages are used up: reminders go by email to clients who have an email address, and the others are skipped until next month.",
    };
  }
  if (plan.emailUsed >= plan.emailAllowance) {
    return { tone: 'warn', text: "This month's emails are used up: email reminders are skipped until next month." };
  }
  if (plan.smsAllowance > 0 && plan.smsUsed >= plan.smsAllowance * WARN_AT) {
    return { tone: 'warn', text: `You have used ${plan.smsUsed} of your ${plan.smsAllowance} text messages this month.` };
  }
  if (plan.emailAllowance > 0 && plan.emailUsed >= plan.emailAllowance * WARN_AT) {
    return { tone: 'warn', text: `You have used ${plan.emailUsed} of your ${plan.emailAllowance} emails this month.` };
  }
  if (plan.isTrial && plan.endsAt !== null) {
    const daysLeft = Math.ceil((new Date(plan.endsAt).getTime() - now.getTime()) / DAY_MS);
    if (daysLeft <= 3) {
      return { tone: 'info', text: `Your free trial ends in ${daysLeft === 1 ? '1 day' : `${daysLeft} days`}.` };
    }
  }
  return null;
}
