import type { DetectorOutput } from '../detector/index.ts';
import type { IngestItem } from '../ingest/index.ts';

interface BandActivity {
  frames: number;
  late: number;
  sumSquaresUv: number;
  samples: number;
  lastT0: number;
}

/**
 * What the demo shows in the terminal: a line per band at every flush (frames, band time, EMG
 * RMS), and a line at once for each status, gap, reboot and detected event.
 */
export function createDemoPrinter(write: (line: string) => void, timeZone?: string) {
  const bands = new Map<string, BandActivity>();
  const clock = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', hourCycle: 'h23', timeZone });
  const time = (ms: number) => clock.format(new Date(ms));

  function observe(items: readonly IngestItem[]): void {
    for (const item of items) {
      switch (item.kind) {
        case 'frame': {
          let a = bands.get(item.device);
          if (!a) {
            a = { frames: 0, late: 0, sumSquaresUv: 0, samples: 0, lastT0: 0 };
            bands.set(item.device, a);
          }
          a.frames++;
          if (item.late) a.late++;
          a.lastT0 = Math.max(a.lastT0, item.frame.t0);
          for (const uv of item.frame.emg.uv) a.sumSquaresUv += uv * uv;
          a.samples += item.frame.emg.uv.length;
          break;
        }
        case 'status': {
          const s = item.status;
          const parts = [s.online ? 'online' : 'offline'];
          if (s.battery !== undefined) parts.push(`battery ${Math.round(s.battery * 100)}%`);
          if (s.side) parts.push(`${s.side} leg`);
          if (s.leadOff !== undefined) parts.push(s.leadOff ? 'ELECTRODE OFF' : 'electrodes on');
          write(`${item.device}  status: ${parts.join(', ')}`);
          break;
        }
        case 'gap':
          write(
            `${item.device}  gap: ${item.missingFrames} frame(s) missing, ${item.toMs - item.fromMs} ms from ${time(item.fromMs)}`,
          );
          break;
        case 'reboot':
          write(`${item.device}  band restarted (boot ${item.previousBoot} -> ${item.boot})`);
          break;
      }
    }
  }

  function flush(): void {
    for (const [device, a] of bands) {
      if (a.frames === 0) continue;
      const rms = Math.sqrt(a.sumSquaresUv / Math.max(1, a.samples));
      const late = a.late > 0 ? `, ${a.late} late` : '';
      write(`${device}  ${time(a.lastT0)}  ${a.frames} frames${late}  EMG ${rms.toFixed(1)} µV rms`);
      a.frames = a.late = a.sumSquaresUv = a.samples = 0;
    }
  }

  /** A line for each event phase worth a person's attention (signal gaps are shown by the ingest). */
  function alert({ phase, event }: DetectorOutput): void {
    if (event.kind === 'signal_gap' || (phase === 'update' && event.kind !== 'cramp')) return;
    const late = event.late ? ' (late upload)' : '';
    const peak = typeof event.peakUv === 'number' ? `, peak ${event.peakUv} µV` : '';
    const angle = typeof event.angleDeg === 'number' ? `, foot ${event.angleDeg}° pointed` : '';
    if (event.kind === 'cramp' && phase === 'start') {
      write(`${event.device}  *** CRAMP *** since ${time(event.start)}${peak}${angle}${late}`);
    } else if (phase === 'end') {
      const seconds = event.end === null ? 0 : Math.round((event.end - event.start) / 1000);
      write(
        `${event.device}  ${event.kind.replace('_', ' ')} ${time(event.start)}, ${seconds} s${peak}${angle}${late}`,
      );
    } else if (phase === 'update') {
      write(
        `${event.device}  cramp goes on (${Math.round((lastSeen(event.device) - event.start) / 1000)} s)${peak}`,
      );
    } else if (event.kind !== 'spasm' && event.kind !== 'plm') {
      write(`${event.device}  ${event.kind.replace('_', ' ')} since ${time(event.start)}${late}`);
    }
  }

  function lastSeen(device: string): number {
    return bands.get(device)?.lastT0 ?? 0;
  }

  return { observe, flush, alert };
}
