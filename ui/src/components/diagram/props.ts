// A plan step's spec (what its create call sets) as short text for the inspector.
import type { NodeSpec } from '../../lib/bindings';

/** The typed spec of one step, whatever its kind. */
export type StepProperties = NodeSpec['properties'];

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The spec's fields that are set, in the order the spec declares them. */
export function specFields(spec: StepProperties): [string, Json][] {
  return Object.entries(spec as unknown as Record<string, Json>).filter(([, v]) => v !== null);
}

export function propText(value: Json): string {
  if (value === null) return '—';
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
