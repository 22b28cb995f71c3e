import { el } from './dom/el.ts';

/**
 * Asks for an access token when the page has none or the service refused it. The service logs a
 * link carrying the admin token on first start (`docs/api.md`, "Auth"); pasting the token works too.
 */
export function signInForm(reason: string, onToken: (token: string) => void): HTMLElement {
  const input = el('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'token-help',
  });
  const form = el(
    'form',
    { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    el('h1', { id: 'sign-in-title' }, 'Sign in'),
    el('p', { role: 'status' }, reason),
    el('label', { for: 'token' }, 'Access token'),
    input,
    el(
      'p',
      { id: 'token-help', class: 'hint' },
      'Open the link the service printed when it started (it ends in ?token=…), or paste the token here.',
    ),
    el('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (input.value.trim()) onToken(input.value.trim());
  });
  return form;
}
