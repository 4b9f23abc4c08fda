import { expect, type Page } from '@playwright/test';
import { PROTOCOL_VERSION, type FilingResult, type RequestDraft } from '@kiosk/shared';

/**
 * Files a request through the agent from inside a kiosk page (same origin, its per-boot token),
 * exactly as the renderer's KioskClient does: quicker than walking the journey when a test only
 * needs the request to exist (a follow-up's or a case's subject).
 */
export async function fileAtKiosk(page: Page, draft: RequestDraft): Promise<FilingResult> {
  const reply = await page.evaluate(
    async ({ draft, version }) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="kiosk-token"]')?.content ?? '';
      const socket = new WebSocket(`ws://${location.host}/agent?token=${encodeURIComponent(token)}`);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const answer = new Promise<unknown>((resolve) => {
        socket.onmessage = (message) => {
          const data = JSON.parse(String(message.data)) as { id?: string };
          if (data.id === 'e2e-file') resolve(data);
        };
      });
      socket.send(JSON.stringify({ v: version, id: 'e2e-file', method: 'request.file', params: draft }));
      const result = await answer;
      socket.close();
      return result as { ok: boolean; value?: unknown; error?: unknown };
    },
    { draft, version: PROTOCOL_VERSION },
  );
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
  return reply.value as FilingResult;
}
