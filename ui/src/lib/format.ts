// Short texts of the Environments list.
import type { EnvironmentStatus } from './bindings';

/** `just now`, `5m`, `3h`, `2d` since an RFC 3339 time. */
export function age(since: string, now: number = Date.now()): string {
  const then = Date.parse(since.endsWith('Z') || since.includes('+') ? since : `${since}Z`);
  if (Number.isNaN(then)) return '—';
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** `3h 12m left`, `expired 5m ago`; `—` for never. The two largest units, as `hangar list`. */
export function timeLeft(expiresAt: string | null, now: number = Date.now()): string {
  if (expiresAt === null) return '—';
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return '—';
  const seconds = Math.floor(Math.abs(at - now) / 1000);
  const [d, h, m] = [
    Math.floor(seconds / 86400),
    Math.floor((seconds % 86400) / 3600),
    Math.floor((seconds % 3600) / 60),
  ];
  const span =
    d > 0
      ? h > 0
        ? `${d}d ${h}h`
        : `${d}d`
      : h > 0
        ? m > 0
          ? `${h}h ${m}m`
          : `${h}h`
        : m > 0
          ? `${m}m`
          : `${seconds}s`;
  return at > now ? `${span} left` : `expired ${span} ago`;
}

/** `$0.058/h`; `—` when unknown. */
export function perHour(cost: number | null): string {
  if (cost === null) return '—';
  const digits = cost > 0 && cost < 0.1 ? 3 : 2;
  return `$${cost.toFixed(digits)}/h`;
}

/** Dollars spent, to the cent: `$12.34`; `—` when it cannot be priced. */
export function spent(amount: number | null): string {
  return amount === null ? '—' : `$${amount.toFixed(2)}`;
}

/** What the status badge says. */
export function statusLabel(status: EnvironmentStatus): string {
  // Keyed by the generated union: a status the engine adds is a type error until it has words.
  const labels: Record<EnvironmentStatus, string> = {
    new: 'Not provisioned',
    creating: 'Provisioning',
    ready: 'Ready',
    failed: 'Failed',
    destroying: 'Tearing down',
    destroyed: 'Destroyed',
    interrupted: 'Interrupted',
    drifted: 'Drifted',
    paused: 'Paused',
  };
  return labels[status];
}
