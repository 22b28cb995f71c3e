/** The dashboard's views, addressed by the URL's hash so that a reload or a bookmark keeps the place. */
export type Route =
  | { readonly view: 'live' }
  | { readonly view: 'night'; readonly device?: string; readonly date?: string }
  | { readonly view: 'trends'; readonly device?: string };

/** `#/night/band-1/2026-11-25` → the night view of that band and night; anything unknown → live. */
export function parseRoute(hash: string): Route {
  const [view, ...rest] = hash
    .replace(/^#\/?/, '')
    .split('/')
    .map((part) => decodeURIComponent(part));
  const device = rest[0] || undefined;
  if (view === 'night') {
    const date = rest[1] && /^\d{4}-\d{2}-\d{2}$/.test(rest[1]) ? rest[1] : undefined;
    return { view, ...(device ? { device } : {}), ...(date ? { date } : {}) };
  }
  if (view === 'trends') return { view, ...(device ? { device } : {}) };
  return { view: 'live' };
}

export function routeHash(route: Route): string {
  const parts: string[] = [route.view];
  if (route.view !== 'live' && route.device) {
    parts.push(route.device);
    if (route.view === 'night' && route.date) parts.push(route.date);
  }
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}
