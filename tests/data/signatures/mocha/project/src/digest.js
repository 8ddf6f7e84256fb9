// The daily digest: what a user has not read yet.
export function unread(notifications) {
  return notifications.filter((n) => n.read === false);
}

export function digestLine(user, notifications) {
  const n = unread(notifications).length;
  return `${user}: ${n} unread notification${n === 1 ? '' : 's'}`;
}
