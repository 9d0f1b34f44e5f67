// The bell tells the page when a notification arrives (a DOM event), so the inbox can refresh without its own stream.

export const NOTIFICATION_EVENT = "dabble:notification";

export function announceNotification(data) {
  window.dispatchEvent(new CustomEvent(NOTIFICATION_EVENT, { detail: data }));
}
