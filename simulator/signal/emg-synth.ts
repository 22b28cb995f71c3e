import { DEFAULT_EMG_SCALE_UV } from '../../protocol/index.ts';
import type { BandTraits } from '../band/traits.ts';
import { createPoseTrack } from '../kinematics/pose-track.ts';
import type { EmgComponent, LeadOff, Motion, NightPlan, Pop } from '../plan/night-plan.ts';
import { createActiveWindow, trapezoid } from '../plan/timed.ts';
import { createRng, type Rng } from '../random/rng.ts';
import { createBaselineNoise } from './baseline-noise.ts';
import { biquadLowpass, whiteNoiseGain } from './dsp/biquad.ts';
import { createEcgBleed } from './ecg-bleed.ts';
import { createEmgVoice, type EmgVoice } from './emg-voice.ts';
import { createMainsHum } from './mains-hum.ts';

/** The band's ADC full scale: i16 counts at the firmware's default 0.1 µV per count. */
export const FULL_SCALE_UV = 32767 * DEFAULT_EMG_SCALE_UV;
/** Motion artifact lives below about 20 Hz (De Luca et al. 2010, via detector notes). */
const ARTIFACT_HZ = 8;

/** Renders one band's EMG, frame by frame, in order. */
export interface EmgSynth {
  /** Fills `out` with samples from EMG sample index `first` of the night. */
  render(out: Float32Array, first: number): void;
}

/**
 * Sums, per sample: resting EMG at the drifting baseline, the planned muscle activity, motion
 * artifact while the leg moves, mains hum, ECG bleed and electrode pops; then lead-off replaces
 * everything (rail or flat) and the ADC clips at full scale.
 */
export function createEmgSynth(plan: NightPlan, traits: BandTraits, emgHz: number, seed: number): EmgSynth {
  const rng = (purpose: string) => createRng(seed, 'band', traits.index, 'emg', purpose);
  const pose = createPoseTrack(plan);
  const noise = createBaselineNoise(rng('baseline'), emgHz);
  const hum = createMainsHum(
    traits.mainsHz + traits.mainsErrorHz,
    traits.harmonics,
    emgHz,
    rng('hum').uniform(0, 2 * Math.PI),
  );
  const ecg = createEcgBleed(rng('ecg'), emgHz, traits.ecgUv, traits.heartRateBpm, plan.arousals);
  const artifact = createArtifactNoise(rng('artifact'), emgHz);
  const popRng = rng('pops');
  const components = createActiveWindow<EmgComponent>(plan.emgComponents);
  const motions = createActiveWindow<Motion>(plan.motions);
  const pops = createActiveWindow<Pop>(plan.pops);
  const leadOffs = createActiveWindow<LeadOff>(plan.leadOffs);
  const voices = new Map<EmgComponent, EmgVoice>();
  const msPerSample = 1000 / emgHz;

  return {
    render(out, first) {
      const fromMs = first * msPerSample;
      const toMs = (first + out.length) * msPerSample;
      const p = pose.at(fromMs);
      const restUv = plan.baseline.at(fromMs) * p.restFactor;
      for (let i = 0; i < out.length; i++) out[i] = restUv * noise.next();

      const active = components.overlapping(fromMs, toMs);
      for (const c of active) {
        let v = voices.get(c);
        if (!v) {
          v = createEmgVoice(c, emgHz, seed);
          voices.set(c, v);
        }
        v.addTo(out, first);
      }
      for (const c of voices.keys()) if (c.endMs <= fromMs) voices.delete(c);

      const moving = motions.overlapping(fromMs, toMs);
      if (moving.length > 0) {
        for (let i = 0; i < out.length; i++) {
          const t = (first + i) * msPerSample;
          let level = 0;
          for (const m of moving) level += trapezoid(t, m) * m.artifactUv;
          out[i] = out[i]! + level * artifact();
        }
      }
      hum.addTo(out, first, traits.humUv * p.humFactor);
      ecg.addTo(out, first);
      for (const pop of pops.overlapping(fromMs, toMs)) addPop(out, first, msPerSample, pop, popRng.normal);
      for (const l of leadOffs.overlapping(fromMs, toMs)) applyLeadOff(out, first, msPerSample, l);
      for (let i = 0; i < out.length; i++)
        out[i] = Math.max(-FULL_SCALE_UV, Math.min(FULL_SCALE_UV, out[i]!));
    },
  };
}

function createArtifactNoise(rng: Rng, emgHz: number): () => number {
  const filter = biquadLowpass(ARTIFACT_HZ, emgHz);
  const gain = 1 / whiteNoiseGain(biquadLowpass(ARTIFACT_HZ, emgHz));
  return () => filter.next(rng.normal()) * gain;
}

/** A step that decays with `tauMs`, with a broadband crackle on its leading edge. */
function addPop(out: Float32Array, first: number, msPerSample: number, pop: Pop, normal: () => number): void {
  for (let i = 0; i < out.length; i++) {
    const dt = (first + i) * msPerSample - pop.startMs;
    if (dt < 0 || dt >= pop.endMs - pop.startMs) continue;
    const decay = Math.exp(-dt / pop.tauMs);
    out[i] = out[i]! + pop.amplitudeUv * (decay + 0.3 * normal() * decay * decay);
  }
}

function applyLeadOff(out: Float32Array, first: number, msPerSample: number, l: LeadOff): void {
  const value = l.mode === 'rail' ? Math.sign(l.levelUv) * FULL_SCALE_UV : l.levelUv;
  for (let i = 0; i < out.length; i++) {
    const t = (first + i) * msPerSample;
    if (t >= l.startMs && t < l.endMs) out[i] = value;
  }
}
