import { resolveProfile, type Receipt } from '../src/index.js';
import { startPrinterEmulator, type PrinterEmulator } from '../src/sim/index.js';
import type { EmulatedReceipt } from '../src/sim/index.js';

/** The characters Spanish and Catalan receipts need that ASCII lacks. */
export const ACCENTED = 'ñ á € · ¿';

export function sampleReceipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    issuer: 'Ajuntament de Girona',
    office: "Oficina d'Atenció Ciutadana, Plaça del Vi 1",
    documentType: 'Justificante de solicitud',
    reference: 'K7QM-000A4-R',
    qrPayload: 'https://girona.example/s/K7QM000A4R?t=Zx81',
    issuedAt: '2025-03-12T13:05:00Z',
    timeZone: 'Europe/Madrid',
    locale: 'es',
    whatNext: `Respuesta en 10 días hábiles como máximo. Tasa 5 €. ${ACCENTED}`,
    statusUrl: 'https://girona.example/s/K7QM000A4R',
    contact: '010 - info@girona.example',
    privacyNotice: 'Tratamos sus datos según el RGPD: https://girona.example/privacidad',
    maskedId: '***4567**',
    kioskId: 'K7QM',
    serial: '000123',
    labels: { reference: 'Referencia', date: 'Fecha', status: 'Estado', kiosk: 'Quiosco' },
    ...overrides,
  };
}

/** Short deadlines so fault tests end quickly; generous enough for a noisy machine. */
export const TEST_PROFILE = resolveProfile({
  deadlines: { connectMs: 2_000, statusReplyMs: 1_000, writeMs: 2_000, ackBaseMs: 1_500, ackPerKiBMs: 100 },
});

export async function withEmulator<T>(run: (emulator: PrinterEmulator) => Promise<T>): Promise<T> {
  const emulator = await startPrinterEmulator({ port: 0, httpPort: 0 });
  try {
    return await run(emulator);
  } finally {
    await emulator.close();
  }
}

/** Resolves with the next receipt the emulator prints. */
export function nextReceipt(emulator: PrinterEmulator): Promise<EmulatedReceipt> {
  return new Promise((resolve) => {
    const off = emulator.onReceipt((receipt) => {
      off();
      resolve(receipt);
    });
  });
}
