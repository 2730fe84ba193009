// `make bench`: the diagram of a generated blueprint of 50, 200, 500 and 2,000 resources in the
// real window. The page reports, for the layout it last drew, how long ELK took (in its Web
// Worker, off the main thread) and how long from ELK's answer to the next frame's start and to
// that frame painted (`window.__hangarDiagram.timing()`, Diagram.svelte). Five runs of each
// size; each run edits the blueprint (one instance more), which lays the diagram out again from
// scratch.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { blueprint, draw, NETWORK_RESOURCES, openEditor } from './generated.mjs';
import { appForFile, saveScreenshot } from './harness.mjs';
import { median } from './processes.mjs';

const app = appForFile();
const RUNS = 5;
/** How long one layout may take before the size is reported as not drawn. */
const GIVE_UP_MS = 60_000;

test('the diagram of 50, 200, 500 and 2,000 resources', { timeout: 900_000 }, async () => {
  const { browser } = app;
  await openEditor(browser);
  const rows = [];
  for (const size of (process.env.DIAGRAM_SIZES ?? '50,200,500,2000').split(',').map(Number)) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const hosts = size - NETWORK_RESOURCES + (run % 2);
      const drawn = await draw(browser, blueprint(hosts), { minNodes: hosts, timeout: GIVE_UP_MS });
      // A layout past the limit is a figure too: it is reported, and the larger sizes skipped.
      if (!drawn) break;
      runs.push(drawn);
    }
    if (runs.length < RUNS) {
      console.log(`${size} resources: not drawn within ${GIVE_UP_MS / 1000} s`);
      rows.push({ size, drawn: false });
      break;
    }
    // What was timed, to look at: target/e2e/diagram-<size>.png.
    await (await browser.$('[data-testid="diagram"]')).scrollIntoView({ block: 'center' });
    await (await browser.$('[data-testid="diagram-fit"]')).click();
    await saveScreenshot(browser, `diagram-${size}.png`);
    const layout = runs.map((r) => r.layoutMs);
    const frame = runs.map((r) => r.frameMs);
    const render = runs.map((r) => r.renderMs);
    const total = runs.map((r) => r.layoutMs + r.renderMs);
    rows.push({ size, drawn: true });
    console.log(
      `${size} resources (${runs[0].nodes} diagram nodes): layout median ${median(layout).toFixed(0)} ms ` +
        `(${Math.min(...layout).toFixed(0)}-${Math.max(...layout).toFixed(0)}), ` +
        `to the frame median ${median(frame).toFixed(0)} ms (${Math.min(...frame).toFixed(0)}-${Math.max(...frame).toFixed(0)}), ` +
        `to the paint median ${median(render).toFixed(0)} ms ` +
        `(${Math.min(...render).toFixed(0)}-${Math.max(...render).toFixed(0)}), both ${median(total).toFixed(0)} ms, ${RUNS} runs`,
    );
  }
  assert.ok(rows[0]?.drawn, 'the smallest diagram drew');
});
