import { createNetworkPrinter, DEFAULT_PRINTER_PROFILE, type Receipt } from '@kiosk/hardware';
import { startPrinterEmulator } from '@kiosk/hardware/sim';
import { percentile, type Benchmark } from './figures.js';

const receipt: Receipt = {
  issuer: 'Ayuntamiento de Villademo',
  office: 'Plaza Mayor, 1',
  documentType: 'Justificante de solicitud',
  reference: 'K7QM-000A4-R',
  qrPayload: 'http://127.0.0.1:8080/status/K7QM-000A4-R',
  issuedAt: '2026-11-28T10:00:00.000Z',
  timeZone: 'Europe/Madrid',
  locale: 'es',
  whatNext: 'Estudiaremos su solicitud. Puede consultar su estado con el código QR o la referencia.',
  statusUrl: 'http://127.0.0.1:8080/status/K7QM-000A4-R',
  contact: 'Oficina de Atención Ciudadana',
  privacyNotice: 'Sus datos se tratan solo para gestionar esta solicitud.',
  maskedId: null,
  kioskId: 'bench',
  serial: '1',
  labels: { reference: 'Referencia', date: 'Fecha', status: 'Estado', kiosk: 'Quiosco' },
};

/**
 * A whole safe print job (status, job, completion ack) over TCP to the emulator, against a bare
 * status query on the same printer: what printing costs beyond asking the printer how it is.
 */
export const printRoundTrip: Benchmark = async ({ quick }) => {
  const emulator = await startPrinterEmulator({ port: 0, httpPort: 0 });
  const printer = createNetworkPrinter({ host: '127.0.0.1', port: emulator.port, profile: DEFAULT_PRINTER_PROFILE });
  const rounds = quick ? 20 : 100;
  const jobs: number[] = [];
  const statuses: number[] = [];
  try {
    for (let i = 0; i < rounds; i += 1) {
      let started = performance.now();
      await printer.status();
      statuses.push(performance.now() - started);
      started = performance.now();
      const outcome = await printer.print(receipt);
      if (outcome.state !== 'printed') throw new Error(`print round trip: ${outcome.state} (${outcome.reason})`);
      jobs.push(performance.now() - started);
    }
  } finally {
    await printer.close();
    await emulator.close();
  }
  const benchmark = 'Print round trip (emulator over TCP)';
  const baseline = { name: 'status query (DLE EOT)', value: percentile(statuses, 50), unit: 'ms' };
  return [
    { benchmark, name: 'receipt printed and acknowledged, p50', value: percentile(jobs, 50), unit: 'ms', baseline, note: `${rounds} receipts` },
    { benchmark, name: 'receipt printed and acknowledged, p95', value: percentile(jobs, 95), unit: 'ms', baseline: { ...baseline, name: 'status query p95', value: percentile(statuses, 95) } },
  ];
};
