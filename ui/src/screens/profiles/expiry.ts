// How a session's expiry and length read: "13:00 UTC, in 59 min".

export function formatDuration(secs: number): string {
  if (secs % 3600 === 0) return `${secs / 3600} h`;
  if (secs >= 3600) return `${Math.floor(secs / 3600)} h ${Math.round((secs % 3600) / 60)} min`;
  return `${Math.round(secs / 60)} min`;
}

/** `iso` is RFC 3339 (UTC); `now` is given so tests are stable. */
export function formatExpiry(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const hh = String(at.getUTCHours()).padStart(2, '0');
  const mm = String(at.getUTCMinutes()).padStart(2, '0');
  const day = at.toISOString().slice(0, 10);
  const sameDay = day === now.toISOString().slice(0, 10);
  const clock = `${sameDay ? '' : `${day} `}${hh}:${mm} UTC`;
  const left = Math.round((at.getTime() - now.getTime()) / 60_000);
  if (left <= 0) return `${clock}, expired`;
  if (left < 120) return `${clock}, in ${left} min`;
  return `${clock}, in ${formatDuration(Math.round(left / 60) * 3600)}`;
}
