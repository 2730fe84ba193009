// `make bench`: the diagram of a generated blueprint of 50, 200, 500 and 2,000 resources in the
// real window. The page reports, for the layout it last drew, how long ELK took (in its Web
// Worker, off the main thread) and how long from ELK's answer to the next frame's start and to
// that frame painted (`window.__hangarDiagram.timing()`, Diagram.svelte). Five runs of each
// size; each run edits the blueprint (one instance more), which lays the diagram out again from
// scratch.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appForFile, saveScreenshot } from './harness.mjs';

const app = appForFile();
const RUNS = 5;
/** How long one layout may take before the size is reported as not drawn. */
const GIVE_UP_MS = 60_000;

/** A VPC with two public subnets, one security group, and `instances` hosts. */
function blueprint(instances) {
  const hosts = Array.from(
    { length: instances },
    (_, i) => `
[[instances]]
name = "host-${i}"
tier = "public"
instance_type = "t3.micro"
security_groups = ["app"]
ami = { parameter = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", os = "amazon_linux_2023" }
root_volume = { size_gb = 8, type = "gp3", encrypted = true }
`,
  ).join('');
  return `region = "us-east-1"

[blueprint]
name = "diagram-bench"
title = "Diagram benchmark"
description = "Generated: ${instances} hosts."

[network]
vpc_cidr = "10.0.0.0/16"
az_count = 2

[[network.tiers]]
name = "public"
kind = "public"
subnets = [{ cidr = "10.0.1.0/24" }, { cidr = "10.0.2.0/24" }]

[[security_groups]]
name = "app"
group_name = "diagram-bench-app"
description = "HTTP from anywhere"
ingress = [{ protocol = "tcp", port = 80, cidr = "0.0.0.0/0", description = "HTTP" }]
egress = [{ protocol = "all", cidr = "0.0.0.0/0", description = "all outbound" }]
${hosts}`;
}

async function draw(browser, source) {
  await browser.execute((text) => {
    const area = document.querySelector('[data-testid="source-text"]');
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, source);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('the diagram of 50, 200, 500 and 2,000 resources', { timeout: 900_000 }, async () => {
  const { browser } = app;
  await (await browser.$('[data-testid="nav-blueprints"]')).click();
  const item = await browser.$('[data-testid="blueprint-item"][data-name="single-host-dev"]');
  await item.waitForDisplayed({ timeout: 10_000 });
  await item.click();
  await (await browser.$('[data-testid="copy-blueprint"]')).click();
  await (await browser.$('[data-testid="source-text"]')).waitForDisplayed({ timeout: 10_000 });

  // The network itself is 9 resources (VPC, gateway, route table and its default route, two
  // subnets and their associations, the group): the rest are hosts.
  const base = 9;
  const rows = [];
  for (const size of (process.env.DIAGRAM_SIZES ?? '50,200,500,2000').split(',').map(Number)) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const hosts = size - base + (run % 2);
      const before = await browser.execute(() => window.__hangarDiagram?.timing() ?? null);
      await draw(browser, blueprint(hosts));
      const drawn = await browser
        .waitUntil(
          async () => {
            const now = await browser.execute(() => window.__hangarDiagram?.timing() ?? null);
            return now !== null && JSON.stringify(now) !== JSON.stringify(before) && now.nodes > hosts;
          },
          { timeout: GIVE_UP_MS, interval: 50 },
        )
        .then(
          () => true,
          () => false,
        );
      // A layout past the limit is a figure too: it is reported, and the larger sizes skipped.
      if (!drawn) break;
      runs.push(await browser.execute(() => window.__hangarDiagram.timing()));
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
