/**
 * A short two-tone beep made with Web Audio (no sound file to load). Browsers start audio only
 * after a user gesture: `unlock()` from a click creates and resumes the context, and a beep
 * before that is silently skipped rather than queued.
 */
export interface Beeper {
  unlock(): Promise<void>;
  beep(): void;
}

export function createBeeper(): Beeper {
  let context: AudioContext | undefined;
  return {
    async unlock() {
      context ??= new AudioContext();
      if (context.state === 'suspended') await context.resume();
    },
    beep() {
      if (context?.state !== 'running') return;
      const t0 = context.currentTime;
      for (const [i, hz] of [880, 660].entries()) tone(context, hz, t0 + i * 0.22, 0.18);
    },
  };
}

function tone(context: AudioContext, hz: number, at: number, seconds: number): void {
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.type = 'sine';
  osc.frequency.value = hz;
  // A 10 ms ramp in and out avoids clicks.
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(0.3, at + 0.01);
  gain.gain.setValueAtTime(0.3, at + seconds - 0.01);
  gain.gain.linearRampToValueAtTime(0, at + seconds);
  osc.connect(gain).connect(context.destination);
  osc.start(at);
  osc.stop(at + seconds);
}
