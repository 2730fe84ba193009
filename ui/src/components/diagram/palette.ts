// Colours of the exported (standalone) diagram. The in-app view uses the same hues through
// CSS variables (Diagram.svelte) so it follows the light/dark theme; a file has no theme, so
// it is drawn in the light set.
import type { ResourceKind } from '../../lib/bindings';
import { tagFamily } from './labels';
import type { NodeState, Tier } from './model';

export const INK = {
  text: '#18181b',
  muted: '#52525b',
  subtle: '#71717a',
  background: '#ffffff',
  edge: '#64748b',
  edgeLabel: '#334155',
  edgeLabelBg: '#ffffff',
  edgeLabelBorder: '#e2e8f0',
  nodeFill: '#ffffff',
  nodeBorder: '#d4d4d8',
};

export interface ContainerColours {
  fill: string;
  stroke: string;
  text: string;
  dash?: string;
}

export const CONTAINERS: Record<'region' | 'vpc' | 'az', ContainerColours> = {
  region: { fill: '#fbfbfc', stroke: '#a1a1aa', text: '#3f3f46', dash: '6 4' },
  vpc: { fill: '#f7f6ff', stroke: '#8b83e8', text: '#4338ca' },
  az: { fill: '#ffffff', stroke: '#b6bcc8', text: '#475569', dash: '4 3' },
};

export const TIERS: Record<Tier, ContainerColours> = {
  public: { fill: '#ecfbf2', stroke: '#7fcf9f', text: '#166534' },
  private: { fill: '#eef5ff', stroke: '#8db8f2', text: '#1d4ed8' },
  database: { fill: '#fff6ea', stroke: '#f0b466', text: '#9a3412' },
};

const TAGS = {
  compute: { fill: '#ffedd5', text: '#9a3412' },
  data: { fill: '#dbeafe', text: '#1e40af' },
  network: { fill: '#ede9fe', text: '#5b21b6' },
  storage: { fill: '#dcfce7', text: '#166534' },
  other: { fill: '#f1f5f9', text: '#334155' },
};

/** The colour of a resource's kind tag, by family. */
export function tagColour(kind: ResourceKind | null): { fill: string; text: string } {
  return TAGS[tagFamily(kind)];
}

export const STATES: Record<NodeState, { fill: string; stroke: string; label: string }> = {
  pending: { fill: '#ffffff', stroke: '#a1a1aa', label: 'Pending' },
  creating: { fill: '#fffbeb', stroke: '#d97706', label: 'Creating' },
  ready: { fill: '#f0fdf4', stroke: '#16a34a', label: 'Ready' },
  failed: { fill: '#fef2f2', stroke: '#dc2626', label: 'Failed' },
  deleting: { fill: '#fff7ed', stroke: '#ea580c', label: 'Deleting' },
  deleted: { fill: '#f4f4f5', stroke: '#a1a1aa', label: 'Deleted' },
  retained: { fill: '#eff6ff', stroke: '#2563eb', label: 'Kept' },
  stopped: { fill: '#f4f4f5', stroke: '#71717a', label: 'Stopped' },
};
