// What the end-to-end tests and the diagram benchmark read from the page: the exported SVG of
// the diagram on screen, and how long its last layout and first paint took.
declare global {
  interface Window {
    __hangarDiagram?: {
      svg: () => string;
      mermaid: () => string | null;
      /** The last layout drawn: its node count, ELK's time, and the time to the next paint. */
      timing: () => DiagramTiming | null;
    };
  }
}

export interface DiagramTiming {
  nodes: number;
  /** From asking ELK (in its worker) to having its answer, in ms. */
  layoutMs: number;
  /** From ELK's answer to the start of the next frame, before its style, layout and paint. */
  frameMs: number;
  /** From ELK's answer to that frame painted, in ms. */
  renderMs: number;
}

export function exposeDiagram(hook: Window['__hangarDiagram']): void {
  window.__hangarDiagram = hook;
}
