import { CaseListSchema, MeSchema, type CaseSummary, type Me } from '@kiosk/shared';

/** The console's only way to the hub: its HTTP API, with the CSRF header on every change. */
export type CaseRow = CaseSummary;

const changeHeaders = { 'content-type': 'application/json', 'x-requested-with': 'console' };

export async function signIn(username: string, password: string): Promise<boolean> {
  const response = await fetch('/api/auth/login', { method: 'POST', headers: changeHeaders, body: JSON.stringify({ username, password }) });
  return response.ok;
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST', headers: changeHeaders });
}

export async function currentUser(): Promise<Me | null> {
  const response = await fetch('/api/auth/me');
  return response.ok ? MeSchema.parse(await response.json()) : null;
}

export async function recentCases(): Promise<CaseRow[]> {
  const response = await fetch('/api/cases');
  if (!response.ok) throw new Error(`cases: ${response.status}`);
  return CaseListSchema.parse(await response.json()).cases;
}
