/** Where the dashboard keeps its access token between visits. */
export const TOKEN_KEY = 'crampwatch.token';

/** The parts of `window` the token needs, injectable for tests. */
export interface TokenPlace {
  readonly location: { readonly href: string };
  readonly history: Pick<History, 'replaceState' | 'state'>;
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/**
 * Takes `?token=` from the address (the link the service logs), keeps it in localStorage and
 * removes it from the address bar, so it is neither bookmarked nor shared by copying the URL
 * (`docs/api.md`, "Auth"). Returns the token to use: the new one, else the kept one, else null.
 */
export function adoptToken(place: TokenPlace): string | null {
  const url = new URL(place.location.href);
  const given = url.searchParams.get('token');
  if (given !== null) {
    url.searchParams.delete('token');
    place.history.replaceState(place.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    if (given.trim() !== '') place.storage.setItem(TOKEN_KEY, given.trim());
  }
  return place.storage.getItem(TOKEN_KEY);
}

/** Keeps a token typed by the user (the sign-in form), or forgets it (null). */
export function keepToken(place: Pick<TokenPlace, 'storage'>, token: string | null): void {
  if (token === null || token.trim() === '') place.storage.removeItem(TOKEN_KEY);
  else place.storage.setItem(TOKEN_KEY, token.trim());
}
