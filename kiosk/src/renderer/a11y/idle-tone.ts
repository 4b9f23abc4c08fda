/**
 * The idle warning's sound (the dialog is its visual equivalent): two short soft beeps through
 * WebAudio. Returns false when the page cannot make sound (no audio device, autoplay refused).
 */
export function playIdleTone(): boolean {
  const AudioContextClass = globalThis.AudioContext as typeof AudioContext | undefined;
  if (AudioContextClass === undefined) return false;
  try {
    const context = new AudioContextClass();
    const start = context.currentTime;
    for (const offset of [0, 0.35]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = 660;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.27);
    }
    setTimeout(() => void context.close().catch(() => undefined), 1_000);
    return true;
  } catch {
    return false;
  }
}
