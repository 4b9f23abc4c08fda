/**
 * Where the agent is. It serves index.html with the per-boot token in a meta tag (replacing the
 * placeholder below) and accepts the WebSocket on the same host at `/agent`.
 */
export const TOKEN_META_NAME = 'kiosk-token';
export const TOKEN_PLACEHOLDER = '%KIOSK_TOKEN%';
export const AGENT_SOCKET_PATH = '/agent';

/** The token, or null when the page was not served by an agent (placeholder still there). */
export function readAgentToken(doc: Pick<Document, 'querySelector'>): string | null {
  const content = doc.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META_NAME}"]`)?.content ?? '';
  if (content === '' || content === TOKEN_PLACEHOLDER) return null;
  return content;
}

export function agentSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${AGENT_SOCKET_PATH}?token=${encodeURIComponent(token)}`;
}
