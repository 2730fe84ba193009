// Property values (what a plan step sets) as short text for the inspector.
import type { Prop } from '../../lib/bindings';

export function propText(value: Prop): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.map(propText).join(', ') || '—';
    return value.map(propText).join('\n');
  }
  return Object.entries(value)
    .map(([k, v]) => `${k}=${propText(v)}`)
    .join(' ');
}
