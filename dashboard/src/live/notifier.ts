/** Browser notifications for cramp alerts, where the browser has them and the user allowed them. */
export interface Notifier {
  /** 'granted', 'denied', 'default' (not asked yet) or 'unsupported'. */
  permission(): NotificationPermission | 'unsupported';
  /** Asks for permission: call it from a click, never on load (browsers block or penalise that). */
  request(): Promise<NotificationPermission | 'unsupported'>;
  /** Shows (or, with the same tag, replaces) a notification when allowed; otherwise does nothing. */
  notify(title: string, body: string, tag: string): void;
}

export function createNotifier(): Notifier {
  const supported = typeof Notification !== 'undefined';
  return {
    permission: () => (supported ? Notification.permission : 'unsupported'),
    async request() {
      if (!supported) return 'unsupported';
      if (Notification.permission !== 'default') return Notification.permission;
      return Notification.requestPermission();
    },
    notify(title, body, tag) {
      if (!supported || Notification.permission !== 'granted') return;
      try {
        new Notification(title, { body, tag });
      } catch {
        // Android Chrome allows notifications only from a service worker: the banner and sound remain.
      }
    },
  };
}
