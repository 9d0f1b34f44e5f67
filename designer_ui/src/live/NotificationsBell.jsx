// Placeholder: the live-app pages replace this with the notifications bell (fed by the event stream).
export function NotificationsBell() {
  return null;
}
