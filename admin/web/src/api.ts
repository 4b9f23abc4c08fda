/** The console's only way to the hub: its HTTP API, with the CSRF header on every change. */
export interface CaseRow {
  readonly id: string;
  readonly localReference: string | null;
  readonly serviceName: string;
  readonly status: string;
  readonly channel: string;
  readonly requestedAt: string;
}

const changeHeaders = { 'content-type': 'application/json', 'x-requested-with': 'console' };

export async function signIn(username: string, password: string): Promise<boolean> {
  const response = await fetch('/api/auth/login', { method: 'POST', headers: changeHeaders, body: JSON.stringify({ username, password }) });
  return response.ok;
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST', headers: changeHeaders });
}

export async function currentUser(): Promise<{ username: string } | null> {
  const response = await fetch('/api/auth/me');
  return response.ok ? ((await response.json()) as { username: string }) : null;
}

export async function recentCases(): Promise<CaseRow[]> {
  const response = await fetch('/api/cases');
  if (!response.ok) throw new Error(`cases: ${response.status}`);
  const body = (await response.json()) as { cases: CaseRow[] } | CaseRow[];
  return Array.isArray(body) ? body : body.cases;
}
