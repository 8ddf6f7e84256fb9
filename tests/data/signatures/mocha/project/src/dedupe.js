// Collapses identical notifications sent to the same user within a window.
export function dedupeKey(n) {
  return `${n.user}:${n.type}:${n.payload}`;
}

export function dedupe(notifications, { windowMs = 60_000 } = {}) {
  const lastSent = new Map();
  const out = [];
  for (const n of notifications) {
    const key = dedupeKey(n);
    const prev = lastSent.get(key);
    if (prev !== undefined && n.at - prev < windowMs) continue;
    lastSent.set(key, n.at);
    out.push(n);
  }
  return out;
}
