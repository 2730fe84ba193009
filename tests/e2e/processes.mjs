// A process tree's memory, read from /proc, and the small statistics the benchmarks print.
// RSS counts a shared library once per process that maps it; PSS shares it out among them, so
// a tree's PSS is what it costs the machine.
import { readFileSync, readdirSync } from 'node:fs';

/** Time for what a page does after its first paint (idle work, the first queries). */
export const SETTLE_MS = 3_000;

export const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const spread = (xs) => `${Math.min(...xs).toFixed(0)} – ${Math.max(...xs).toFixed(0)}`;
export const mb = (kb) => kb / 1024;

/** Every process, by pid: its parent and its name. */
export function processes() {
  const all = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The name is in parentheses and may hold spaces; the parent pid follows the state.
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      all.set(Number(entry), { ppid, name });
    } catch {
      // gone while we looked
    }
  }
  return all;
}

function descendants(root) {
  const all = processes();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, p] of all) if (p.ppid === tree[i]) tree.push(pid);
  }
  return tree.map((pid) => ({ pid, name: all.get(pid)?.name ?? '?' }));
}

/** kB of one process: resident, and proportional. */
function memoryOf(pid) {
  const field = (text, name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  try {
    return {
      rss: field(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS'),
      pss: field(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss'),
    };
  } catch {
    return { rss: 0, pss: 0 };
  }
}

/**
 * `root`'s tree in parts: the process itself, WebKit's helpers (web and network processes),
 * anything else it started (the Sandbox's emulator), and all of them.
 */
export function memory(root) {
  const zero = () => ({ rss: 0, pss: 0 });
  const parts = { app: zero(), webkit: zero(), other: zero(), all: zero() };
  for (const { pid, name } of descendants(root)) {
    const part = pid === root ? 'app' : /^(WebKit|bwrap|xdg-dbus)/.test(name) ? 'webkit' : 'other';
    const m = memoryOf(pid);
    for (const p of [parts[part], parts.all]) {
      p.rss += m.rss;
      p.pss += m.pss;
    }
  }
  return parts;
}
