// What a refresh found changed in AWS, as a person reads it: the same words as the CLI's
// `hangar refresh` (hangar_core::drift's Display).
import type { ResourceView, Setting, SettingDrift } from './bindings';

const LABELS: Record<Setting, string> = {
  instance_type: 'instance type',
  instance_state: 'instance state',
  db_instance_class: 'database class',
  multi_az: 'Multi-AZ',
  subnet_cidr: 'subnet CIDR',
  ingress_rule: 'ingress rule',
  tag: 'tag',
};

export function driftText(drift: SettingDrift): string {
  return `${LABELS[drift.setting]}: want ${drift.want}, have ${drift.have}`;
}

/** Each drifted resource's changes, by logical name; resources without any are left out. */
export function changesByLogical(resources: ResourceView[]): Record<string, string[]> {
  return Object.fromEntries(
    resources.filter((r) => r.drift.length > 0).map((r) => [r.logical, r.drift.map(driftText)]),
  );
}
