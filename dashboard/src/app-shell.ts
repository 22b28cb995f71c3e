import { el } from './dom/el.ts';
import type { Route } from './router.ts';

const VIEWS: ReadonlyArray<[Route['view'], string]> = [
  ['live', 'Live'],
  ['night', 'Night'],
  ['trends', 'Trends'],
];

/** The frame of every page: the title, the views' tabs, the cramp banners, and the view itself. */
export function createAppShell(banners: HTMLElement) {
  const links = new Map<Route['view'], HTMLAnchorElement>(
    VIEWS.map(([view, label]) => [view, el('a', { href: `#/${view}`, class: 'tab' }, label)]),
  );
  const main = el('main', { id: 'main', tabindex: -1 });
  const element = el(
    'div',
    { class: 'shell' },
    el('a', { href: '#main', class: 'skip' }, 'Skip to content'),
    el(
      'header',
      { class: 'top' },
      el('span', { class: 'brand' }, 'CrampWatch'),
      el('nav', { 'aria-label': 'Views' }, el('ul', {}, ...[...links.values()].map((a) => el('li', {}, a)))),
    ),
    banners,
    main,
  );
  return {
    element,
    main,
    /** Marks the current view's tab. */
    select(view: Route['view'] | undefined) {
      for (const [v, a] of links) {
        if (v === view) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
    },
  };
}
