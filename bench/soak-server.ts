// The soak's OpenAI-compatible server, in its own process (it must not share the measured client's event loop or
// heap): tests/support/openai-test-server.ts with a deterministic fault schedule. About 5% of items (by a hash of
// their tag "[soak-<n>]" in the prompt) get a fault on their first attempt, a fifth of those on their second too:
// 500, 502, 503, 429 with Retry-After, a reset before the answer, a reset half-way through the body, a 200 that is
// not JSON, and a stall longer than the client's --timeout. Every item can succeed, so every item must end with
// exactly one result. Prints "LISTENING <url>", then "SERVED <requests> <faults>" when its stdin closes.
// Usage: node --import tsx bench/soak-server.ts [--latency-ms 5] [--stall-ms 6000] [--allow-origin <origin>]
import { startOpenAITestServer } from '../tests/support/openai-test-server';
import type { Fault } from '../tests/support/openai-test-server';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const latencyMs = Number(arg('--latency-ms') ?? 5);
const stallMs = Number(arg('--stall-ms') ?? 6_000);
const allowOrigin = arg('--allow-origin');

/** FNV-1a: a stable hash, so a rerun faults the same items. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const FAULTS: readonly Fault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429, retryAfter: '1' },
  { kind: 'reset' },
  { kind: 'reset-mid-body' },
  { kind: 'malformed-json' },
  { kind: 'stall', ms: stallMs },
];

let faults = 0;
const server = await startOpenAITestServer({
  latencyMs,
  ...(allowOrigin !== undefined ? { allowOrigin } : {}),
  keyOf: (text) => /\[soak-\d+\]/.exec(text)?.[0] ?? text,
  respond: (r) => `Looking at the image, the answer is \\boxed{${hash32(r.key) % 2 === 0 ? 'A' : 'B'}}.`,
  fault: (r) => {
    const h = hash32(r.key);
    if (h % 100 >= 5) return undefined;
    const twice = (h >>> 8) % 5 === 0;
    if (r.attempt > (twice ? 2 : 1)) return undefined;
    faults += 1;
    return FAULTS[((h >>> 12) + r.attempt) % FAULTS.length];
  },
});
process.stdout.write(`LISTENING ${server.url}\n`);
// the parent holds our stdin: when it closes (or the parent dies), report and stop
process.stdin.on('end', () => {
  process.stdout.write(`SERVED ${server.total()} ${faults}\n`);
  void server.close().then(() => process.exit(0));
});
process.stdin.resume();
