import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mintReference, REFERENCE_ALPHABET } from '@kiosk/shared';
import { classifyScanPayload, DEFAULT_MAX_PAYLOAD_LENGTH } from '../../src/scanner/payload.js';
import { ScanFramer, stripAimPrefix } from '../../src/scanner/scan-framer.js';
import { REFERENCE } from './helpers.js';

const arbReference = fc
  .tuple(fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}$/), fc.integer({ min: 1, max: 33_554_431 }))
  .map(([issuer, seq]) => mintReference(issuer, seq));

describe('scan payload classification', () => {
  it('recognises every reference, in any case, compact or with look-alike letters', () => {
    fc.assert(
      fc.property(arbReference, (ref) => {
        for (const form of [ref.display, ref.compact, ref.display.toLowerCase(), ref.display.replace(/0/g, 'O').replace(/1/g, 'I')]) {
          expect(classifyScanPayload(form)).toEqual({ ok: true, kind: 'receipt-reference', value: ref.display, text: form });
        }
      }),
    );
  });

  it('rejects a reference with any one character changed (the check character catches it)', () => {
    fc.assert(
      fc.property(arbReference, fc.nat(9), fc.nat(31), (ref, position, shift) => {
        const chars = [...ref.compact];
        const original = REFERENCE_ALPHABET.indexOf(chars[position] ?? '0');
        chars[position] = REFERENCE_ALPHABET.charAt((original + 1 + (shift % 31)) % 32);
        expect(classifyScanPayload(chars.join(''))).toEqual({ ok: false, reason: 'invalid-reference' });
      }),
    );
  });

  it('extracts the reference from a status URL and checks it', () => {
    expect(classifyScanPayload(`https://sede.villademo.es/status/${REFERENCE}`)).toMatchObject({ ok: true, kind: 'status-url', value: REFERENCE });
    expect(classifyScanPayload(`http://127.0.0.1:8080/status/${REFERENCE.replace(/-/g, '')}?lang=es#top`)).toMatchObject({ kind: 'status-url', value: REFERENCE });
    // QR alphanumeric mode upper-cases everything: still ours.
    expect(classifyScanPayload(`HTTPS://SEDE.VILLADEMO.ES/STATUS/${REFERENCE}`)).toMatchObject({ kind: 'status-url', value: REFERENCE });
    expect(classifyScanPayload('https://sede.villademo.es/status/K7QM-000A4-X')).toEqual({ ok: false, reason: 'invalid-status-url' });
  });

  it('accepts status URLs only from the configured bases when bases are given', () => {
    const options = { statusBases: ['https://sede.villademo.es/status'] };
    expect(classifyScanPayload(`https://sede.villademo.es/status/${REFERENCE}`, options)).toMatchObject({ kind: 'status-url' });
    expect(classifyScanPayload(`https://phish.example/status/${REFERENCE}`, options)).toMatchObject({ ok: true, kind: 'unknown' });
  });

  it('reads appointment codes CITA:<reference>', () => {
    expect(classifyScanPayload(`CITA:${REFERENCE}`)).toMatchObject({ ok: true, kind: 'appointment-code', value: REFERENCE });
    expect(classifyScanPayload(`cita:${REFERENCE.toLowerCase()}`)).toMatchObject({ kind: 'appointment-code', value: REFERENCE });
    expect(classifyScanPayload('CITA:nonsense')).toEqual({ ok: false, reason: 'invalid-appointment-code' });
  });

  it('passes other readable text on as unknown', () => {
    expect(classifyScanPayload('WIFI:S:Biblioteca;T:WPA;P:secret;;')).toMatchObject({ ok: true, kind: 'unknown' });
    expect(classifyScanPayload('https://example.org/menu')).toMatchObject({ ok: true, kind: 'unknown', value: 'https://example.org/menu' });
  });

  it('rejects empty, binary, over-long and control-character input with a reason', () => {
    expect(classifyScanPayload('  \t ')).toEqual({ ok: false, reason: 'empty' });
    expect(classifyScanPayload(Uint8Array.from([0xc3, 0x28, 0x41]))).toEqual({ ok: false, reason: 'binary' });
    expect(classifyScanPayload('AB\u0000CD')).toEqual({ ok: false, reason: 'binary' });
    expect(classifyScanPayload('x'.repeat(DEFAULT_MAX_PAYLOAD_LENGTH + 1))).toEqual({ ok: false, reason: 'too-long' });
    expect(classifyScanPayload('x'.repeat(DEFAULT_MAX_PAYLOAD_LENGTH))).toMatchObject({ ok: true });
    expect(classifyScanPayload('ABC\u001bDEF')).toEqual({ ok: false, reason: 'control-characters' });
    expect(classifyScanPayload(Buffer.from(`  ${REFERENCE}  `))).toMatchObject({ ok: true, kind: 'receipt-reference' });
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (bytes) => {
        const result = classifyScanPayload(bytes);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});

describe('serial framing', () => {
  const text = (outs: ReturnType<ScanFramer['push']>): string[] =>
    outs.map((o) => (o.kind === 'frame' ? Buffer.from(o.bytes).toString('utf8') : `overflow:${o.length}`));

  it('splits on CR, LF and CRLF, even when a CRLF is split across reads', () => {
    const framer = new ScanFramer();
    expect(text(framer.push(Buffer.from('ONE\rTWO\nTHR')))).toEqual(['ONE', 'TWO']);
    expect(text(framer.push(Buffer.from('EE\r')))).toEqual(['THREE']);
    expect(text(framer.push(Buffer.from('\nFOUR\r\n\r\n')))).toEqual(['FOUR']);
    expect(framer.hasPending).toBe(false);
  });

  it('hands the pending bytes over on flush (the inter-byte timeout)', () => {
    const framer = new ScanFramer();
    expect(framer.push(Buffer.from('NOSUFFIX'))).toEqual([]);
    expect(text(framer.flush())).toEqual(['NOSUFFIX']);
    expect(framer.flush()).toEqual([]);
  });

  it('discards a frame that never ends and reports it once', () => {
    const framer = new ScanFramer(8);
    expect(framer.push(Buffer.from('0123456789ABCDEF'))).toEqual([]);
    expect(text(framer.push(Buffer.from('GH\rOK\r')))).toEqual(['overflow:18', 'OK']);
  });

  it('strips AIM symbology identifiers only at the start', () => {
    expect(stripAimPrefix(']Q1HELLO')).toBe('HELLO');
    expect(stripAimPrefix('HELLO]Q1')).toBe('HELLO]Q1');
  });
});
