// A generated blueprint of any size, typed into the Blueprints editor of the real window: what
// the diagram and start-up benchmarks draw.

/** A VPC with two public subnets, one security group, and `instances` hosts. */
export function blueprint(instances) {
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

/** The network itself is 9 resources (VPC, gateway, route table and its default route, two
 * subnets and their associations, the group): the rest are hosts. */
export const NETWORK_RESOURCES = 9;

/** Opens a copy of single-host-dev in the editor, ready for `draw`. */
export async function openEditor(browser) {
  await (await browser.$('[data-testid="nav-blueprints"]')).click();
  const item = await browser.$('[data-testid="blueprint-item"][data-name="single-host-dev"]');
  await item.waitForDisplayed({ timeout: 10_000 });
  await item.click();
  await (await browser.$('[data-testid="copy-blueprint"]')).click();
  await (await browser.$('[data-testid="source-text"]')).waitForDisplayed({ timeout: 10_000 });
}

/** Replaces the editor's text, as typing would, and waits for the diagram of it to be drawn. */
export async function draw(browser, source, { minNodes, timeout }) {
  const before = await browser.execute(() => window.__hangarDiagram?.timing() ?? null);
  await browser.execute((text) => {
    const area = document.querySelector('[data-testid="source-text"]');
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, source);
  return browser
    .waitUntil(
      async () => {
        const now = await browser.execute(() => window.__hangarDiagram?.timing() ?? null);
        return now !== null && JSON.stringify(now) !== JSON.stringify(before) && now.nodes > minNodes;
      },
      { timeout, interval: 50 },
    )
    .then(
      () => browser.execute(() => window.__hangarDiagram.timing()),
      () => null,
    );
}
