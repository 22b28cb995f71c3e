/**
 * Night profiles: how often each kind of episode comes. Counts are per 8-hour night (scaled to
 * the simulated length) or per hour, before each band's own variation (a log-normal factor, so
 * two bands on one profile still differ). Figures from `shared/spec/detector-notes.md`: trial
 * populations average about 3 cramps a night; PLM series are a marker of restless legs.
 */
export interface Profile {
  readonly description: string;
  readonly crampsPerNight: number;
  readonly spasmsPerNight: number;
  /** Series of >= 4 periodic leg movements. */
  readonly plmSeriesPerNight: number;
  /** Isolated leg movements (not in a series). */
  readonly legMovementsPerHour: number;
  readonly twitchesPerHour: number;
  /** Mean time between turning over. */
  readonly turnEveryMin: number;
  /** Chance that a night is "hard": baseline drift x2-3, more hum and lead-off. */
  readonly hardNightChance: number;
  /** Onset of the first cramp, seconds into the night, when set. */
  readonly firstCrampAtS?: number;
}

const PROFILE_TABLE = {
  none: {
    description: 'no cramps: turning, twitches, a few leg movements and spasms (for false alarms)',
    crampsPerNight: 0,
    spasmsPerNight: 0.5,
    plmSeriesPerNight: 0.3,
    legMovementsPerHour: 4,
    twitchesPerHour: 15,
    turnEveryMin: 22,
    hardNightChance: 0.2,
  },
  occasional: {
    description: 'about one cramp in two nights (0-1 a night)',
    crampsPerNight: 0.7,
    spasmsPerNight: 1,
    plmSeriesPerNight: 0.5,
    legMovementsPerHour: 4,
    twitchesPerHour: 15,
    turnEveryMin: 22,
    hardNightChance: 0.2,
  },
  typical: {
    description: 'about 3 cramps a night, as in trial populations',
    crampsPerNight: 3,
    spasmsPerNight: 2,
    plmSeriesPerNight: 0.5,
    legMovementsPerHour: 5,
    twitchesPerHour: 18,
    turnEveryMin: 20,
    hardNightChance: 0.25,
  },
  severe: {
    description: 'about 7 cramps a night, many spasms, restless sleep',
    crampsPerNight: 7,
    spasmsPerNight: 5,
    plmSeriesPerNight: 1,
    legMovementsPerHour: 6,
    twitchesPerHour: 20,
    turnEveryMin: 15,
    hardNightChance: 0.4,
  },
  restless: {
    description: 'restless legs: many periodic leg movement series, rare cramps',
    crampsPerNight: 0.5,
    spasmsPerNight: 1,
    plmSeriesPerNight: 24,
    legMovementsPerHour: 10,
    twitchesPerHour: 20,
    turnEveryMin: 15,
    hardNightChance: 0.25,
  },
  demo: {
    description: 'a cramp 45 s in, then one about every 20 minutes (for demonstrations)',
    crampsPerNight: 24,
    spasmsPerNight: 6,
    plmSeriesPerNight: 2,
    legMovementsPerHour: 5,
    twitchesPerHour: 18,
    turnEveryMin: 12,
    hardNightChance: 0,
    firstCrampAtS: 45,
  },
} as const satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILE_TABLE;

/** Profiles by name. */
export const PROFILES: Readonly<Record<ProfileName, Profile>> = PROFILE_TABLE;

export function isProfileName(x: unknown): x is ProfileName {
  return typeof x === 'string' && Object.hasOwn(PROFILES, x);
}
