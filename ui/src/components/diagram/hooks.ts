// What the end-to-end tests read from the page: the exported SVG of the diagram on screen.
declare global {
  interface Window {
    __hangarDiagram?: { svg: () => string; mermaid: () => string | null };
  }
}

export function exposeDiagram(hook: Window['__hangarDiagram']): void {
  window.__hangarDiagram = hook;
}
