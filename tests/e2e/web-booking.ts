import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from '@playwright/test';
import type { RunningStack } from '../stack/stack.js';

// Appointments booked "on the web" for the kiosk tests that check them in or cancel them: through
// the hub's public API like any web citizen, and moved to the present in the hub's own database
// when a test needs one due now (the hub's clock cannot be set; check-in opens 30 minutes before).

/** The hub process's SQLite file, opened directly (the stack gives each process its DATA_DIR). */
export function hubDatabase(stack: RunningStack, readonly = true): Database.Database {
  const environ = readFileSync(`/proc/${stack.processes.hub.child.pid}/environ`, 'utf8').split('\0');
  const dataDir = environ.find((entry) => entry.startsWith('DATA_DIR='))?.slice('DATA_DIR='.length);
  if (!dataDir) throw new Error('hub DATA_DIR not found');
  const db = new Database(join(dataDir, 'hub.sqlite'), { readonly, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Books the last free slot of the next 20 days at oac-centro through the public API; its reference. */
export async function bookOnWeb(stack: RunningStack, booking: { service: string; documentNumber: string; locale: string }): Promise<string> {
  const from = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const slots = (await (await fetch(`${stack.hubUrl}/public/v1/appointments/slots?office=oac-centro&service=${booking.service}&from=${from}&to=${to}`)).json()) as { slots: { start: string }[] };
  const start = slots.slots.at(-1)?.start;
  if (start === undefined) throw new Error('no free slot to book');
  const response = await fetch(`${stack.hubUrl}/public/v1/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ office: 'oac-centro', service: booking.service, start, name: 'Web Citizen', idDocument: { kind: 'dni', number: booking.documentNumber }, locale: booking.locale }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { reference: string }).reference;
}

/** A 'registro' booking made on the web, moved to start five minutes from now: ready to check in. */
export async function webBookingForNow(stack: RunningStack, locale: string): Promise<string> {
  const reference = await bookOnWeb(stack, { service: 'registro', documentNumber: '87654321X', locale });
  const db = hubDatabase(stack, false);
  try {
    const now = new Date();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
    const changed = db
      .prepare('UPDATE appointments SET starts_at = ?, ends_at = ?, local_day = ? WHERE reference = ?')
      .run(new Date(now.getTime() + 5 * 60_000).toISOString(), new Date(now.getTime() + 15 * 60_000).toISOString(), day, reference);
    expect(changed.changes).toBe(1);
  } finally {
    db.close();
  }
  return reference;
}
