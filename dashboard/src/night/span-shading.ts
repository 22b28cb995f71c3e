import type uPlot from 'uplot';
import { SPAN_STYLE } from '../chart-theme.ts';
import type { Span } from './event-spans.ts';

/** Narrowest shading drawn, CSS pixels: a 3 s spasm on a 12 h night is still seen. */
const MIN_WIDTH_PX = 2;

/**
 * A uPlot plugin that shades event intervals across the plot, under the axes and series (drawn
 * at the start of each redraw), so a zoom or resize redraws them in place.
 */
export function spanShading(spans: () => readonly Span[]): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u: uPlot) => {
        const { ctx } = u;
        const { top, height, left, width } = u.bbox;
        const minWidth = MIN_WIDTH_PX * (window.devicePixelRatio || 1);
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        for (const span of spans()) {
          const style = SPAN_STYLE[span.kind];
          if (!style) continue;
          const x0 = u.valToPos(span.fromS, 'x', true);
          const x1 = u.valToPos(span.toS, 'x', true);
          if (x1 < left || x0 > left + width) continue;
          ctx.fillStyle = style.fill;
          ctx.fillRect(x0, top, Math.max(minWidth, x1 - x0), height);
        }
        ctx.restore();
      },
    },
  };
}
