/**
 * Draws the last seconds of a band's EMG envelope as a line on a canvas, sharp at any pixel
 * ratio. The y axis starts at zero and grows with the signal (at least 3× the resting baseline)
 * so that a resting band reads flat and a cramp fills the height.
 */
export function drawSparkline(
  canvas: HTMLCanvasElement,
  values: readonly number[],
  capacity: number,
  baselineUv: number | null,
): void {
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (width === 0 || height === 0) return;
  if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
  if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const top = Math.max(10, 3 * (baselineUv ?? 0), ...values) * 1.1;
  const x = (i: number) => width - ((values.length - 1 - i) / Math.max(1, capacity - 1)) * width;
  const y = (v: number) => height - (v / top) * (height - 2) - 1;
  if (baselineUv !== null) {
    ctx.strokeStyle = cssVar(canvas, '--muted');
    ctx.setLineDash([4, 4]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, y(baselineUv));
    ctx.lineTo(width, y(baselineUv));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (values.length < 2) return;
  ctx.strokeStyle = cssVar(canvas, '--accent');
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  values.forEach((v, i) => (i === 0 ? ctx.moveTo(x(i), y(v)) : ctx.lineTo(x(i), y(v))));
  ctx.stroke();
}

function cssVar(element: Element, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || '#888';
}
