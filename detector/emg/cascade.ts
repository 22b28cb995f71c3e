import type { SampleFilter } from './sample-filter.ts';

/**
 * Filters applied one after the other (series connection): the output of each is the input of
 * the next. An empty cascade passes its input through. Sections are held in a plain array and
 * called in a counted loop: no allocation per sample.
 */
export class Cascade implements SampleFilter {
  readonly sections: readonly SampleFilter[];

  constructor(sections: readonly SampleFilter[]) {
    this.sections = sections.slice();
  }

  next(x: number): number {
    const s = this.sections;
    let y = x;
    for (let i = 0; i < s.length; i++) y = s[i]!.next(y);
    return y;
  }

  /**
   * Resets every section; with `x0`, each section settles to the constant its predecessor
   * outputs for a constant `x0` (a settled section returns its DC output and stays settled).
   */
  reset(x0 = 0): void {
    let u = x0;
    for (const section of this.sections) {
      section.reset(u);
      u = section.next(u);
    }
  }
}

/** The series connection of `sections`, in order. */
export function cascade(...sections: SampleFilter[]): Cascade {
  return new Cascade(sections);
}
