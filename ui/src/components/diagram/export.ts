// Exports: a standalone SVG file (presentation attributes only, no stylesheet, so it renders
// the same in a browser, an editor or a document), a PNG drawn from it, and file downloads.
import { edgePath, titleAt } from './geometry';
import { CONTAINER_FONT_SIZE, EDGE_FONT_SIZE, FONT_FAMILY, NODE_FONT_SIZE, kindTag, textWidth } from './labels';
import type { DiagramLayout, LaidEdge, LaidNode, NodeState } from './model';
import { CONTAINERS, INK, STATES, TIERS, tagColour } from './palette';

const MARGIN = 16;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}="${escapeXml(String(v))}"`)
    .join(' ');
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

function container(node: LaidNode): string {
  const colours = node.tier ? TIERS[node.tier] : CONTAINERS[node.kind as 'region' | 'vpc' | 'az'];
  const title = titleAt(node);
  const radius = node.kind === 'subnet' ? 6 : 10;
  return [
    `<g ${attrs({ class: `node container ${node.kind}`, 'data-id': node.id, 'data-kind': node.kind, 'data-tier': node.tier ?? undefined })}>`,
    `<rect ${attrs({ x: r(node.x), y: r(node.y), width: r(node.width), height: r(node.height), rx: radius, fill: colours.fill, stroke: colours.stroke, 'stroke-width': node.kind === 'vpc' ? 1.5 : 1, 'stroke-dasharray': colours.dash })}/>`,
    `<text ${attrs({ x: r(title.x), y: r(title.y), fill: colours.text, 'font-size': CONTAINER_FONT_SIZE, 'font-weight': 600 })}>${escapeXml(node.label)}</text>`,
    '</g>',
  ].join('');
}

function resource(node: LaidNode, state: NodeState | undefined): string {
  const external = node.kind === 'external';
  const colours = state ? STATES[state] : { fill: INK.nodeFill, stroke: INK.nodeBorder };
  const tag = external ? null : kindTag(node.resourceKind);
  const tagWidth = tag ? textWidth(tag, 10) + 12 : 0;
  const tc = tagColour(node.resourceKind);
  const cy = node.y + node.height / 2;
  const textX = tag ? node.x + 10 + tagWidth + 8 : node.x + node.width / 2;
  const parts = [
    `<g ${attrs({ class: `node ${node.kind}`, 'data-id': node.id, 'data-kind': node.resourceKind ?? node.kind, 'data-state': state })}>`,
    `<rect ${attrs({ x: r(node.x), y: r(node.y), width: r(node.width), height: r(node.height), rx: external ? node.height / 2 : 7, fill: external ? '#f4f4f5' : colours.fill, stroke: colours.stroke, 'stroke-width': state ? 1.75 : 1, 'stroke-dasharray': state === 'pending' || state === 'deleting' ? '4 3' : undefined })}/>`,
  ];
  if (tag) {
    parts.push(
      `<rect ${attrs({ x: r(node.x + 10), y: r(cy - 10), width: tagWidth, height: 20, rx: 4, fill: tc.fill })}/>`,
      `<text ${attrs({ x: r(node.x + 10 + tagWidth / 2), y: r(cy + 3.5), 'text-anchor': 'middle', fill: tc.text, 'font-size': 10, 'font-weight': 700 })}>${escapeXml(tag)}</text>`,
    );
  }
  parts.push(
    `<text ${attrs({ x: r(textX), y: r(cy + 4), 'text-anchor': tag ? 'start' : 'middle', fill: state === 'deleted' ? INK.subtle : INK.text, 'font-size': NODE_FONT_SIZE, 'font-weight': 500 })}>${escapeXml(node.label)}</text>`,
    '</g>',
  );
  return parts.join('');
}

function edge(e: LaidEdge): string {
  const parts = [
    `<g ${attrs({ class: 'edge', 'data-id': e.id, 'data-kind': 'security_rule', 'data-source': e.source, 'data-target': e.target })}>`,
    `<path ${attrs({ d: edgePath(e), fill: 'none', stroke: INK.edge, 'stroke-width': 1.25, 'marker-end': 'url(#arrow)' })}/>`,
  ];
  if (e.labelBox) {
    const b = e.labelBox;
    parts.push(
      `<rect ${attrs({ x: r(b.x), y: r(b.y), width: r(b.width), height: r(b.height), rx: 4, fill: INK.edgeLabelBg, stroke: INK.edgeLabelBorder })}/>`,
      `<text ${attrs({ x: r(b.x + b.width / 2), y: r(b.y + b.height / 2 + 3.5), 'text-anchor': 'middle', fill: INK.edgeLabel, 'font-size': EDGE_FONT_SIZE })}>${escapeXml(e.label)}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

/** A standalone SVG document of the laid-out diagram, coloured by `states` when given. */
export function toSvg(
  layout: DiagramLayout,
  options: { title?: string; states?: Record<string, NodeState> } = {},
): string {
  const states = options.states ?? {};
  const width = Math.ceil(layout.width + 2 * MARGIN);
  const height = Math.ceil(layout.height + 2 * MARGIN);
  const containers = layout.nodes.filter((n) => n.container).map(container);
  const nodes = layout.nodes.filter((n) => !n.container).map((n) => resource(n, states[n.id]));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" ${attrs({ width, height, viewBox: `${-MARGIN} ${-MARGIN} ${width} ${height}`, 'font-family': FONT_FAMILY })}>`,
    `<title>${escapeXml(options.title ?? 'Architecture diagram')}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">',
    `<path d="M0 0 L10 5 L0 10 z" fill="${INK.edge}"/></marker></defs>`,
    `<rect ${attrs({ x: -MARGIN, y: -MARGIN, width, height, fill: INK.background })}/>`,
    `<g class="containers">${containers.join('')}</g>`,
    `<g class="edges">${layout.edges.map(edge).join('')}</g>`,
    `<g class="nodes">${nodes.join('')}</g>`,
    '</svg>',
    '',
  ].join('\n');
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Draws the SVG onto a canvas (through a data: URL image, which the CSP allows) as PNG. */
export function svgToPngDataUrl(svg: string, width: number, height: number, scale = 2): Promise<string> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(width * scale);
      canvas.height = Math.ceil(height * scale);
      const context = canvas.getContext('2d');
      if (!context) {
        reject(new Error('This window cannot draw on a canvas'));
        return;
      }
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      resolve(canvas.toDataURL('image/png'));
    };
    image.onerror = () => reject(new Error('The diagram could not be drawn as an image'));
    image.src = svgDataUrl(svg);
  });
}

/** The size of an exported SVG, from its root attributes. */
export function svgSize(layout: DiagramLayout): { width: number; height: number } {
  return { width: Math.ceil(layout.width + 2 * MARGIN), height: Math.ceil(layout.height + 2 * MARGIN) };
}

/** Saves a file the way a web page does: a link with `download`, clicked. */
export function download(fileName: string, url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

export function textDataUrl(text: string, type = 'text/plain'): string {
  return `data:${type};charset=utf-8,${encodeURIComponent(text)}`;
}
