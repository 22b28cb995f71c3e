import { el } from '../dom/el.ts';
import type { Beeper } from './beep.ts';
import type { Notifier } from './notifier.ts';

/**
 * The "Turn on alerts" button: sound and notifications need a user gesture, so both are asked
 * for here, on a click, never on load. Its text tells what is on and what the browser refused.
 */
export function createAlertSettings(beeper: Beeper, notifier: Notifier) {
  const status = el('p', { class: 'hint', 'aria-live': 'polite' });
  let soundOn = false;
  const button = el('button', { type: 'button', class: 'primary' }, 'Turn on alert sound and notifications');

  const describe = () => {
    const permission = notifier.permission();
    const notes = [soundOn ? 'Sound is on.' : 'Sound is off until you turn it on.'];
    if (permission === 'granted') notes.push('Notifications are on.');
    else if (permission === 'denied')
      notes.push('Notifications are blocked in this browser’s site settings.');
    else if (permission === 'unsupported')
      notes.push('This browser shows no notifications; keep this page open.');
    status.textContent = notes.join(' ');
    button.hidden = soundOn && permission !== 'default';
  };

  button.addEventListener('click', async () => {
    try {
      await beeper.unlock();
      soundOn = true;
      beeper.beep();
    } catch {
      soundOn = false;
    }
    await notifier.request().catch(() => undefined);
    describe();
  });
  describe();
  return el('div', { class: 'alert-settings' }, button, status);
}
