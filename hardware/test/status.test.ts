import { describe, expect, it } from 'vitest';
import {
  combineStatusReplies,
  parseAutomaticStatus,
  parseErrorCause,
  parseOfflineCause,
  parsePrinterStatus,
  parseRollSensor,
  StatusByteError,
  toDeviceHealth,
} from '../src/index.js';

describe('DLE EOT reply parsers (hardware.md bit layouts)', () => {
  it('reads 0x12 as an idle, healthy printer on every query', () => {
    expect(parsePrinterStatus(0x12).offline).toBe(false);
    expect(parseOfflineCause(0x12)).toEqual({ coverOpen: false, feedingByButton: false, stoppedByPaperEnd: false, error: false });
    expect(parseErrorCause(0x12)).toEqual({ cutterError: false, unrecoverableError: false, autoRecoverableError: false });
    expect(parseRollSensor(0x12)).toEqual({ paperNearEnd: false, paperEnd: false });
  });

  it('reads bit 3 of DLE EOT 1 as offline', () => {
    expect(parsePrinterStatus(0x1a).offline).toBe(true);
  });

  it('reads the offline causes of DLE EOT 2', () => {
    expect(parseOfflineCause(0x16).coverOpen).toBe(true);
    expect(parseOfflineCause(0x32).stoppedByPaperEnd).toBe(true);
    expect(parseOfflineCause(0x52).error).toBe(true);
  });

  it('reads the error causes of DLE EOT 3', () => {
    expect(parseErrorCause(0x1a).cutterError).toBe(true);
    expect(parseErrorCause(0x32).unrecoverableError).toBe(true);
    expect(parseErrorCause(0x52).autoRecoverableError).toBe(true);
  });

  it('reads the roll sensor of DLE EOT 4: 0x0C near end, 0x60 paper end', () => {
    expect(parseRollSensor(0x1e)).toEqual({ paperNearEnd: true, paperEnd: false });
    expect(parseRollSensor(0x72)).toEqual({ paperNearEnd: false, paperEnd: true });
    expect(parseRollSensor(0x7e)).toEqual({ paperNearEnd: true, paperEnd: true });
  });

  it('rejects bytes that do not have the reply shape 0xx1xx10b', () => {
    for (const byte of [0x00, 0x02, 0x10, 0x13, 0x92, 0x37]) {
      expect(() => parsePrinterStatus(byte)).toThrow(StatusByteError);
    }
  });

  it('reads an automatic status block', () => {
    expect(parseAutomaticStatus(Uint8Array.from([0x38, 0x00, 0x0c, 0x00]))).toEqual({
      offline: true,
      coverOpen: true,
      paperNearEnd: false,
      paperEnd: true,
    });
  });
});

describe('toDeviceHealth', () => {
  const now = new Date('2025-03-12T13:05:00Z');
  const later = new Date('2025-03-12T13:06:00Z');

  it('maps flags to state and reason, most serious first', () => {
    const paperOut = combineStatusReplies({ printer: 0x1a, rollSensor: 0x7e, offlineCause: 0x36, errorCause: 0x12 });
    expect(toDeviceHealth(paperOut, null, now)).toEqual({ state: 'error', reason: 'paper-end', since: now.toISOString() });
    const nearEnd = combineStatusReplies({ printer: 0x12, rollSensor: 0x1e });
    expect(toDeviceHealth(nearEnd, null, now).state).toBe('warning');
    expect(toDeviceHealth(nearEnd, null, now).reason).toBe('paper-near-end');
    const cover = combineStatusReplies({ printer: 0x1a, rollSensor: 0x12, offlineCause: 0x16, errorCause: 0x12 });
    expect(toDeviceHealth(cover, null, now).reason).toBe('cover-open');
    const offline = combineStatusReplies({ printer: 0x1a, rollSensor: 0x12, offlineCause: 0x12, errorCause: 0x12 });
    expect(toDeviceHealth(offline, null, now)).toMatchObject({ state: 'offline', reason: 'offline' });
    expect(toDeviceHealth('unreachable', null, now)).toMatchObject({ state: 'offline', reason: 'unreachable' });
  });

  it('keeps `since` while nothing changes and moves it when something does', () => {
    const ok = combineStatusReplies({ printer: 0x12, rollSensor: 0x12 });
    const first = toDeviceHealth(ok, null, now);
    expect(toDeviceHealth(ok, first, later).since).toBe(now.toISOString());
    expect(toDeviceHealth('unreachable', first, later).since).toBe(later.toISOString());
  });
});
