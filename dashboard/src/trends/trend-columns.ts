import type { NightSummary } from '../api/types.ts';

/** Weeks the trends view covers. */
export const TREND_WEEKS = 12;

export interface TrendColumns {
  /** The middle of each night (its midnight, seconds): where its bar stands. */
  readonly x: number[];
  readonly cramps: number[];
  readonly plantarFlexedMinutes: number[];
}

export interface TrendFigures {
  readonly nights: number;
  readonly nightsWithCramps: number;
  readonly cramps: number;
  readonly crampsPerNight: number;
  readonly plantarFlexedMinutesPerNight: number;
}

/** uPlot's columns of the trends chart, one entry per night with data (oldest first). */
export function trendColumns(nights: readonly NightSummary[]): TrendColumns {
  return {
    x: nights.map((n) => (n.fromMs + n.toMs) / 2 / 1000),
    cramps: nights.map((n) => n.cramps.count),
    plantarFlexedMinutes: nights.map((n) => Math.round(n.plantarFlexedMinutes * 10) / 10),
  };
}

/** The period's figures: averages are per night with data. */
export function trendFigures(nights: readonly NightSummary[]): TrendFigures {
  const cramps = nights.reduce((sum, n) => sum + n.cramps.count, 0);
  const plantar = nights.reduce((sum, n) => sum + n.plantarFlexedMinutes, 0);
  const count = nights.length;
  return {
    nights: count,
    nightsWithCramps: nights.filter((n) => n.cramps.count > 0).length,
    cramps,
    crampsPerNight: count === 0 ? 0 : cramps / count,
    plantarFlexedMinutesPerNight: count === 0 ? 0 : plantar / count,
  };
}

/**
 * The chart's x range for the nights from `from` to `to` (YYYY-MM-DD, both included), seconds:
 * from the first evening to the last morning (UTC dates: a zone's offset is nothing at this scale).
 */
export function trendRangeS(from: string, to: string): [number, number] {
  const noonS = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;
  return [noonS(from), noonS(to) + 86_400];
}
