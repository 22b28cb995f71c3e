import { ApiError, createApiClient } from './api/api-client.ts';
import { createAppShell } from './app-shell.ts';
import { adoptToken, keepToken } from './auth/token-store.ts';
import { el, replaceChildren } from './dom/el.ts';
import { createAlertBanners } from './live/alert-banner.ts';
import { bandLabel } from './live/band-card.ts';
import { createBeeper } from './live/beep.ts';
import { createLiveHub } from './live/live-hub.ts';
import { liveUrl } from './live/live-socket.ts';
import { mountLiveView } from './live/live-view.ts';
import { createNotifier } from './live/notifier.ts';
import { createNightView } from './night/night-view.ts';
import { parseRoute, type Route, routeHash } from './router.ts';
import { signInForm } from './sign-in.ts';
import { createTrendsView } from './trends/trends-view.ts';

interface MountedView {
  readonly view: Route['view'];
  readonly element: HTMLElement;
  show(route: Route): void;
  unmount(): void;
}

/**
 * The composition root of the page: the token, the API client, the live hub (one WebSocket for
 * every view, so an alert shows wherever the user is), and the hash router that swaps views.
 */
export function startApp(root: HTMLElement): void {
  let token = adoptToken({
    location: window.location,
    history: window.history,
    storage: window.localStorage,
  });
  const browserTz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const api = createApiClient({ baseUrl: document.baseURI, token: () => token });
  const beeper = createBeeper();
  const notifier = createNotifier();
  const hub = createLiveHub({
    url: (since) => liveUrl(document.baseURI, token, since),
    defaultTz: browserTz,
    beeper,
    notifier,
    showAlert: (alert) => banners.render(alert),
  });
  const banners = createAlertBanners({
    band: (device) => {
      const band = hub.bands.band(device);
      return { label: bandLabel(band), tz: band.tz };
    },
    onDismiss: (id) => hub.dismiss(id),
  });
  const shell = createAppShell(banners.element);
  replaceChildren(root, shell.element);
  let current: MountedView | undefined;

  const signIn = (reason: string) => {
    hub.stop();
    current?.unmount();
    current = undefined;
    shell.select(undefined);
    replaceChildren(
      shell.main,
      signInForm(reason, (t) => {
        keepToken({ storage: window.localStorage }, t);
        token = t;
        start();
      }),
    );
  };

  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.status === 401) {
      keepToken({ storage: window.localStorage }, null);
      signIn('The service did not accept the access token. Sign in again.');
      return;
    }
    const message =
      err instanceof ApiError && err.status === 403
        ? 'This access token may not see that band.'
        : `Something went wrong: ${err instanceof Error ? err.message : String(err)}`;
    shell.main.prepend(el('p', { class: 'error', role: 'alert' }, message));
  };

  const navigate = (route: Route) => {
    window.location.hash = routeHash(route);
  };

  const mount = (view: Route['view']): MountedView => {
    if (view === 'live') {
      const live = mountLiveView({ hub, beeper, notifier });
      return { view, element: live.element, show: () => {}, unmount: live.unmount };
    }
    const v =
      view === 'night'
        ? createNightView({ api, navigate, onError })
        : createTrendsView({ api, navigate, onError });
    return { view, element: v.element, show: (r) => void v.show(r as never), unmount: v.unmount };
  };

  const route = () => {
    if (!token) return;
    const r = parseRoute(window.location.hash);
    shell.select(r.view);
    if (current?.view !== r.view) {
      current?.unmount();
      current = mount(r.view);
      replaceChildren(shell.main, current.element);
    }
    current.show(r);
  };

  const start = () => {
    if (!token) return signIn('This dashboard needs an access token.');
    hub.start();
    api.devices().then(hub.seed, onError);
    current = undefined;
    route();
  };

  window.addEventListener('hashchange', route);
  start();
}
