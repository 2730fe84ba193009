// The Blueprints screen in the real window: pick the multi-AZ three-tier blueprint, wait for its
// diagram, save a screenshot, and check the exported SVG is a well-formed file with the VPC,
// the subnets and the security-group rules in it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appForFile, pageErrors, saveScreenshot } from './harness.mjs';

const app = appForFile();

async function diagramNodeIds(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="diagram-node"]')].map((n) => n.getAttribute('data-id')),
  );
}

test('multi-az-three-tier plans and draws its architecture', async () => {
  const { browser } = app;
  await (await browser.$('[data-testid="nav-blueprints"]')).click();
  await (await browser.$('[data-testid="screen-blueprints"]')).waitForDisplayed({ timeout: 10_000 });

  const item = await browser.$('[data-testid="blueprint-item"][data-name="multi-az-three-tier"]');
  await item.waitForDisplayed({ timeout: 10_000 });
  await item.click();
  await browser.waitUntil(
    async () => (await (await browser.$('[data-testid="blueprint-title"]')).getText()) === 'Multi-AZ three-tier network',
    { timeout: 10_000, timeoutMsg: 'the blueprint never opened' },
  );
  await browser.waitUntil(
    async () => {
      const ids = await diagramNodeIds(browser);
      return ids.includes('rds_instance.postgres') && ids.includes('load_balancer.alb');
    },
    { timeout: 20_000, timeoutMsg: 'the diagram never showed the RDS instance and the ALB' },
  );

  const ids = await diagramNodeIds(browser);
  const azs = ids.filter((id) => id.startsWith('az.'));
  assert.equal(azs.length, 3, `three AZs: ${azs}`);
  assert.ok(ids.includes('vpc.main'));

  // Clicking a node shows what the plan sets on it.
  const diagram = await browser.$('[data-testid="diagram"]');
  await diagram.scrollIntoView({ block: 'center' });
  await (await browser.$('[data-testid="diagram-node"][data-id="rds_instance.postgres"] text.label')).click();
  const inspector = await browser.$('[data-testid="diagram-inspector"]');
  await inspector.waitForDisplayed({ timeout: 5_000 });
  assert.match(await inspector.getText(), /rds_instance\.postgres/);
  await (await inspector.$('button[aria-label="Close"]')).click();
  await inspector.waitForDisplayed({ reverse: true, timeout: 5_000 });

  await browser.execute(() => document.querySelector('[data-testid="screen-blueprints"]')?.scrollIntoView());
  await (await browser.$('[data-testid="diagram-fit"]')).click();
  await saveScreenshot(browser, 'blueprint-diagram.png', { readme: true });
});

test('the exported SVG parses and holds the VPC, the subnets and the rules', async () => {
  const report = await app.browser.execute(() => {
    const svg = window.__hangarDiagram?.svg() ?? '';
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const text = doc.documentElement.textContent ?? '';
    return {
      length: svg.length,
      parseErrors: doc.getElementsByTagName('parsererror').length,
      root: doc.documentElement.nodeName,
      vpc: text.includes('VPC 10.0.0.0/16'),
      subnets: doc.querySelectorAll('g[data-kind="subnet"]').length,
      rules: doc.querySelectorAll('g.edge[data-kind="security_rule"]').length,
      ruleText: text.includes('tcp 5432'),
      mermaid: (window.__hangarDiagram?.mermaid() ?? '').startsWith('flowchart'),
    };
  });
  assert.ok(report.length > 1000, `an SVG came back (${report.length} chars)`);
  assert.equal(report.parseErrors, 0);
  assert.equal(report.root, 'svg');
  assert.ok(report.vpc, 'the VPC is labelled');
  assert.equal(report.subnets, 9, 'nine subnets: three tiers in three AZs');
  assert.ok(report.rules >= 4, `security-group rules drawn: ${report.rules}`);
  assert.ok(report.ruleText, 'the database rule is labelled with its port');
  assert.ok(report.mermaid, 'the Mermaid text came with the plan');
});

test('creating from the blueprint takes it to Environments, and nothing logged an error', async () => {
  const { browser } = app;
  await (await browser.$('[data-testid="create-environment"]')).click();
  const card = await browser.$('[data-testid="pending-environment"]');
  await card.waitForDisplayed({ timeout: 10_000 });
  assert.match(await card.getText(), /Ready to create skillancer-dev from multi-az-three-tier/);
  assert.deepEqual(await pageErrors(browser), []);
});
