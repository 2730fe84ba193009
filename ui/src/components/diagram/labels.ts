// Short tags and text measures for diagram nodes. Text is measured by estimate (no DOM), so
// layout gives the same result in the app, in tests and in exported files.
import type { ResourceKind } from '../../lib/bindings';
import type { Tier } from './model';

export const FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, Cantarell, 'Noto Sans', Arial, sans-serif";
export const NODE_FONT_SIZE = 12;
export const CONTAINER_FONT_SIZE = 11.5;
export const EDGE_FONT_SIZE = 10.5;

/** Average advance of a character of the UI font, as a fraction of the font size. */
const CHAR_WIDTH = 0.58;

export function textWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * CHAR_WIDTH);
}

const TAGS: Partial<Record<ResourceKind, string>> = {
  instance: 'EC2',
  rds_instance: 'RDS',
  elasticache_replication_group: 'Redis',
  load_balancer: 'ALB',
  nat_gateway: 'NAT',
  internet_gateway: 'IGW',
  vpc_endpoint: 'VPCE',
  s3_bucket: 'S3',
  iam_role: 'IAM',
  log_group: 'Logs',
  flow_log: 'Flow',
  eip: 'EIP',
};

/** The short tag drawn at the left of a resource node (`EC2`, `RDS`...). */
export function kindTag(kind: ResourceKind | null): string {
  if (!kind) return 'Net';
  return TAGS[kind] ?? kind.slice(0, 4).toUpperCase();
}

/** A human name for a diagram container kind (`region`, `vpc`, `az`, `subnet`); resource kinds
 * take theirs from `KIND_LABELS`, made in Rust. */
export function kindName(kind: string): string {
  const words = kind
    .split('_')
    .map((w) => (['rds', 'nat', 'vpc', 'iam', 's3', 'eip'].includes(w) ? w.toUpperCase() : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The tier of a subnet, from its tier name (the first word of its label, e.g. `public 10.0.0.0/20`). */
export function tierFromName(name: string): Tier {
  const n = name.toLowerCase();
  if (/(^|[-_])(public|web|dmz|edge|ingress)/.test(n)) return 'public';
  if (/(^|[-_])(database|data|db|storage|cache)/.test(n)) return 'database';
  return 'private';
}

export const TIER_LABELS: Record<Tier, string> = {
  public: 'Public subnet',
  private: 'Private subnet',
  database: 'Database subnet',
};

/** The colour family of a resource's tag. */
export function tagFamily(kind: ResourceKind | null): 'compute' | 'data' | 'network' | 'storage' | 'other' {
  switch (kind) {
    case 'instance':
      return 'compute';
    case 'rds_instance':
    case 'elasticache_replication_group':
      return 'data';
    case 'load_balancer':
    case 'nat_gateway':
    case 'internet_gateway':
    case 'vpc_endpoint':
    case 'eip':
      return 'network';
    case 's3_bucket':
      return 'storage';
    default:
      return 'other';
  }
}
