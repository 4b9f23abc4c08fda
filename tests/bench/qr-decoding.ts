import { DEFAULT_ATTEMPTS } from '../../hardware/src/scanner/qr-decode.js';
import { loadBlackbox, runBench } from '../../hardware/src/cli/qr-bench.js';
import type { Benchmark } from './figures.js';

/**
 * QR decoding on ZXing's blackbox photographs (179 images x 4 rotations, exact text): our attempt
 * ladder against the naive single attempt, measured in the same run.
 */
export const qrDecoding: Benchmark = async () => {
  const images = loadBlackbox();
  const naive = runBench('naive', images, DEFAULT_ATTEMPTS.slice(0, 1));
  const ours = runBench('kiosk', images, DEFAULT_ATTEMPTS);
  const benchmark = 'QR decoding (qr-blackbox)';
  return [
    { benchmark, name: 'decode rate', value: ours.rate * 100, unit: '%', baseline: { name: 'naive @zxing/library', value: naive.rate * 100, unit: '%' }, note: `${ours.decoded}/${ours.tries} tries` },
    { benchmark, name: 'misreads', value: ours.misreads, unit: 'count', baseline: { name: 'naive', value: naive.misreads, unit: 'count' } },
    { benchmark, name: 'median time per image', value: ours.medianMsPerImage, unit: 'ms', baseline: { name: 'naive', value: naive.medianMsPerImage, unit: 'ms' } },
  ];
};
