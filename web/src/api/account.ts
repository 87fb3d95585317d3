import { ApiError, apiDelete, apiGet, apiPost, apiPut, clearCsrfToken, isRecord, type RequestOptions } from './client';
import { stringOr, stringOrNull, unexpected } from './parse';

/** The owner's plan and this calendar month's usage (text messages in SMS segments). */
export interface Plan {
  code: string;
  name: string;
  priceShown: string;
  isTrial: boolean;
  endsAt: string | null;
  /** Past its end: nothing is being sent. */
  ended: boolean;
  smsAllowance: number;
  smsUsed: number;
  emailAllowance: number;
  emailUsed: number;
}

export interface Me {
  id: string;
  businessName: string;
  ownerName: string;
  email: string;
  country: string;
  timeZone: string;
  createdAt: string;
  pendingEmail: string | null;
  plan: Plan;
  /** Shown to clients in reminders; null when not given. */
  businessAddress: string | null;
  businessPhone: string | null;
}

export interface SignUpRequest {
  businessName: string;
  ownerName: string;
  email: string;
  password: string;
  country: string;
  timeZone: string;
}

export interface ProfileUpdate {
  businessName: string;
  ownerName: string;
  country: string;
  timeZone: string;
  /** Empty clears it. */
  businessAddress: string;
  businessPhone: string;
}

export interface AuditEntry {
  at: string;
  event: string;
  ip: string | null;
  userAgent: string | null;
  detail: string | null;
}

type Signal = Pick<RequestOptions, 'signal'>;

// Sign-up, sign-in and the links in emails work without a session, and /me answers 401 to say there is none: a 401
// from these is an answer, not a session that ended.
export async function signUp(request: SignUpRequest): Promise<string> {
  return messageFrom(await apiPost<unknown>('/auth/signup', request, { signedIn: false }));
}

/** Creates the account and signs this browser in (the answer sets the session cookie). */
export async function confirmSignUp(token: string, options: Signal = {}): Promise<string> {
  const message = messageFrom(await apiPost<unknown>('/auth/confirm', { token }, { ...options, signedIn: false }));
  clearCsrfToken();
  return message;
}

export async function signIn(email: string, password: string, rememberMe: boolean): Promise<Me> {
  const me = parseMe(await apiPost<unknown>('/auth/login', { email, password, rememberMe }, { signedIn: false }));
  clearCsrfToken();
  return me;
}

export async function signOut(): Promise<void> {
  try {
    await apiPost<unknown>('/auth/logout', undefined, { signedIn: false });
  } finally {
    clearCsrfToken();
  }
}

export async function requestPasswordReset(email: string): Promise<string> {
  return messageFrom(await apiPost<unknown>('/auth/forgot', { email }, { signedIn: false }));
}

export async function resetPassword(token: string, password: string): Promise<string> {
  return messageFrom(await apiPost<unknown>('/auth/reset', { token, password }, { signedIn: false }));
}

/** Resolves to null when nobody is signed in. */
export async function getMe(options: Signal = {}): Promise<Me | null> {
  try {
    return parseMe(await apiGet<unknown>('/me', { ...options, signedIn: false }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return null;
    }
    throw error;
  }
}

export async function updateProfile(profile: ProfileUpdate): Promise<Me> {
  return parseMe(await apiPut<unknown>('/me', profile));
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await apiPost<unknown>('/me/password', { currentPassword, newPassword });
  // Other sessions are signed out; if this one was renewed, its token is too.
  clearCsrfToken();
}

export async function requestEmailChange(newEmail: string, password: string): Promise<string> {
  return messageFrom(await apiPost<unknown>('/me/email', { newEmail, password }));
}

export async function confirmEmailChange(token: string, options: Signal = {}): Promise<string> {
  return messageFrom(await apiPost<unknown>('/me/email/confirm', { token }, { ...options, signedIn: false }));
}

export async function closeAccount(password: string): Promise<void> {
  try {
    await apiDelete<unknown>('/me', { password });
  } finally {
    clearCsrfToken();
  }
}

export async function getActivity(options: Signal = {}): Promise<AuditEntry[]> {
  return parseActivity(await apiGet<unknown>('/me/audit', options));
}

export function parseActivity(body: unknown): AuditEntry[] {
  if (!isRecord(body) || !Array.isArray(body.entries)) {
    throw unexpected();
  }
  return body.entries.filter(isRecord).map((entry) => ({
    at: stringOr(entry.at, ''),
    event: stringOr(entry.event, 'Unknown'),
    ip: stringOrNull(entry.ip),
    userAgent: stringOrNull(entry.userAgent),
    detail: stringOrNull(entry.detail),
  }));
}

export async function contactSupport(name: string, email: string, message: string): Promise<string> {
  return messageFrom(await apiPost<unknown>('/support', { name, email, message }, { signedIn: false }));
}

export function parseMe(body: unknown): Me {
  if (
    !isRecord(body) ||
    typeof body.businessName !== 'string' ||
    typeof body.email !== 'string' ||
    !isRecord(body.plan)
  ) {
    throw unexpected();
  }
  const plan = body.plan;
  return {
    id: stringOr(body.id, ''),
    businessName: body.businessName,
    ownerName: stringOr(body.ownerName, ''),
    email: body.email,
    country: stringOr(body.country, ''),
    timeZone: stringOr(body.timeZone, 'UTC'),
    createdAt: stringOr(body.createdAt, ''),
    pendingEmail: stringOrNull(body.pendingEmail),
    plan: parsePlan(plan),
    businessAddress: stringOrNull(body.businessAddress),
    businessPhone: stringOrNull(body.businessPhone),
  };
}

export function parsePlan(plan: Record<string, unknown>): Plan {
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  const code = stringOr(plan.code, '');
  return {
    code,
    name: stringOr(plan.name, ''),
    priceShown: stringOr(plan.priceShown, ''),
    isTrial: typeof plan.isTrial === 'boolean' ? plan.isTrial : code === 'trial',
    endsAt: stringOrNull(plan.endsAt),
    ended: plan.ended === true,
    smsAllowance: count(plan.smsAllowance),
    smsUsed: count(plan.smsUsed),
    emailAllowance: count(plan.emailAllowance),
    emailUsed: count(plan.emailUsed),
  };
}

function messageFrom(body: unknown): string {
  return isRecord(body) && typeof body.message === 'string' ? body.message : '';
}
