// ELK itself: in the app it runs in a Web Worker loaded from the bundle ('self', which the
// CSP's script-src allows; no blob:). It cannot run in the page: Tauri's `freezePrototype`
// freezes Object.prototype and ELK's GWT runtime assigns to built-in prototypes. Tests (no
// Worker) use the bundled build in the same thread.
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';

type ElkEdgeOut = ElkExtendedEdge;

function collect(node: ElkNode, out: { nodes: Map<string, ElkNode>; edges: Map<string, ElkEdgeOut> }): void {
  for (const child of node.children ?? []) {
    out.nodes.set(child.id, child);
    collect(child, out);
  }
  for (const edge of (node.edges ?? []) as ElkEdgeOut[]) out.edges.set(edge.id, edge);
}

interface Engine {
  layout(graph: ElkNode): Promise<ElkNode>;
  terminateWorker(): void;
}

/**
 * ELK's worker keeps its JavaScript heap for as long as it lives (about 50 of the 250 – 300 MB a
 * 300-resource diagram added to the app; BENCHMARKS.md, "The app"): it is ended once no layout
 * has been asked for this long, and the next layout starts a new one.
 */
export const ENGINE_IDLE_MS = 30_000;

let engine: Promise<Engine> | null = null;
let running = 0;
let idle: ReturnType<typeof setTimeout> | undefined;

function retireEngine(): void {
  const retired = engine;
  engine = null;
  void retired?.then((e) => e.terminateWorker());
}

/** Whether a layout engine (in the app, ELK's worker) is alive now. */
export function layoutEngineAlive(): boolean {
  return engine !== null;
}

function createEngine(): Promise<Engine> {
  if (typeof Worker !== 'undefined' && import.meta.env.MODE !== 'test') {
    return Promise.resolve(new ELK({ workerFactory: () => new Worker(elkWorkerUrl) }));
  }
  return import('elkjs/lib/elk.bundled.js').then(({ default: Bundled }) => {
    const elk = new Bundled();
    // In the same thread: there is no worker to end.
    return { layout: (graph: ElkNode) => elk.layout(graph), terminateWorker: () => {} };
  });
}

export async function runElk(
  graph: ElkNode,
): Promise<{ graph: ElkNode; nodes: Map<string, ElkNode>; edges: Map<string, ElkEdgeOut> }> {
  engine ??= createEngine();
  clearTimeout(idle);
  running += 1;
  let laid: ElkNode;
  try {
    laid = await (await engine).layout(graph);
  } finally {
    running -= 1;
    if (running === 0) idle = setTimeout(retireEngine, ENGINE_IDLE_MS);
  }
  const out = { nodes: new Map<string, ElkNode>(), edges: new Map<string, ElkEdgeOut>() };
  collect(laid, out);
  return { graph: laid, ...out };
}
