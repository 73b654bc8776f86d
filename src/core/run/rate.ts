// Items/s and output tokens/s over a sliding window, for progress bars and ETAs.

export interface RateMeter {
  record(outputTokens: number): void;
  rates(): { itemsPerS: number; outputTokensPerS: number };
}

export function createRateMeter(windowMs: number, now: () => number): RateMeter {
  const start = now();
  const times: number[] = [];
  const tokens: number[] = [];
  let head = 0;
  let tokenSum = 0;
  const trim = (t: number): void => {
    while (head < times.length && (times[head] ?? 0) < t - windowMs) {
      tokenSum -= tokens[head] ?? 0;
      head += 1;
    }
    // compact now and then so the arrays stay the size of the window
    if (head > 4096 && head * 2 > times.length) {
      times.splice(0, head);
      tokens.splice(0, head);
      head = 0;
    }
  };
  return {
    record(outputTokens) {
      const t = now();
      times.push(t);
      tokens.push(outputTokens);
      tokenSum += outputTokens;
      trim(t);
    },
    rates() {
      const t = now();
      trim(t);
      const spanS = Math.min(windowMs, t - start) / 1000;
      if (spanS <= 0) return { itemsPerS: 0, outputTokensPerS: 0 };
      return { itemsPerS: (times.length - head) / spanS, outputTokensPerS: tokenSum / spanS };
    },
  };
}
