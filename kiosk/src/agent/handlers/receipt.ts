import type { Municipality } from '@kiosk/shared';
import type { KioskHandlers } from './dispatch.js';
import type { AppointmentsHubClient } from '../sync/appointments-client.js';
import { buildAppointmentTicket } from '../printing/appointment-tickets.js';
import { buildFilingReceipt } from '../printing/receipt-printer.js';
import { PREVIEW_REFERENCE, previewSpokenLines, type SpokenReceipts } from '../printing/receipt-speech.js';

export interface ReceiptSpeechDeps {
  readonly spoken: SpokenReceipts;
  readonly municipality: () => Municipality;
  readonly kioskId: string;
  /** Only `offices`: an appointment ticket names the office, its address and the service. */
  readonly hub: Pick<AppointmentsHubClient, 'offices'>;
}

/**
 * `receipt.text` and `receipt.preview`: the words of a receipt or ticket for the renderer to speak,
 * built by the same code that prints them (printing/receipt-speech.ts). No personal data.
 */
export function receiptHandlers(deps: ReceiptSpeechDeps): Pick<KioskHandlers, 'receipt.text' | 'receipt.preview'> {
  return {
    'receipt.text': async () => ({ lines: deps.spoken.last() }),
    'receipt.preview': async (params) => {
      const municipality = deps.municipality();
      if (params.kind === 'request') {
        const base = municipality.statusBaseUrl.replace(/\/$/, '');
        const receipt = buildFilingReceipt({
          reference: PREVIEW_REFERENCE,
          sequence: 0,
          statusUrl: `${base}/${PREVIEW_REFERENCE}`,
          locale: params.locale,
          issuedAt: new Date(),
          issuer: municipality,
          kioskId: deps.kioskId,
        });
        // The serial is minted with the reference: its line is left out like the reference's.
        return { lines: previewSpokenLines({ ...receipt, serial: PREVIEW_REFERENCE }, true) };
      }
      const answer = await deps.hub.offices(params.locale);
      const office = answer.ok ? answer.value.offices.find((o) => o.code === params.office) : undefined;
      // Without the hub there is no booking either: nothing to preview.
      if (office === undefined) return { lines: [] };
      const ticket = buildAppointmentTicket({
        reference: PREVIEW_REFERENCE,
        qrPayload: `CITA:${PREVIEW_REFERENCE}`,
        serviceName: office.services.find((s) => s.code === params.service)?.name ?? params.service,
        start: params.start,
        place: { issuer: municipality.name, officeName: office.name, officeAddress: office.address || office.name, timeZone: office.timeZone },
        locale: params.locale,
        kioskId: deps.kioskId,
      });
      return { lines: previewSpokenLines(ticket, false) };
    },
  };
}
