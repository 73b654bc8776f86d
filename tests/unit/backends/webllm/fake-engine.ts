// A fake web-llm engine with the behaviours of the real one that the backend must cope with: one sequence at a
// time, an interrupt flag that is cleared when a generation starts, request checks (images only as data-URL
// image_url parts in user turns, one text part per message), errors as "Name: message" strings (as they arrive
// through web-llm's worker), a final chunk with finish_reason and one with usage.
import type { WebLlmChatRequest, WebLlmChunk, WebLlmEngine } from '../../../../src/backends/webllm';

export interface FakeEngineOptions {
  respond: (promptText: string) => string;
  /** Time for the whole reply, spread over its pieces (a number, or one per prompt text). */
  latencyMs?: number | ((promptText: string) => number);
  /** Called inside create(), before the stream is handed out (to interrupt "too early"). */
  onCreate?: () => void;
  /** Thrown (as web-llm's worker does: a string) by create(). */
  createError?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class FakeWebLlmEngine implements WebLlmEngine {
  interruptFlag = false;
  interruptCalls = 0;
  active = 0;
  unloaded = false;
  reloads: string[] = [];
  readonly requests: WebLlmChatRequest[] = [];
  readonly chat = { completions: { create: (request: WebLlmChatRequest) => this.create(request) } };

  constructor(private readonly options: FakeEngineOptions) {}

  interruptGenerate(): void {
    this.interruptCalls += 1;
    this.interruptFlag = true;
  }
  async unload(): Promise<void> {
    this.unloaded = true;
  }
  async runtimeStatsText(): Promise<string> {
    return 'prefill: 100.0 tok/s, decode: 20.0 tok/s';
  }
  async reload(modelId: string): Promise<void> {
    this.reloads.push(modelId);
    this.unloaded = false;
  }

  private async create(request: WebLlmChatRequest): Promise<AsyncIterable<WebLlmChunk>> {
    if (this.unloaded) throw 'ModelNotLoadedError: Model not loaded before trying to complete ChatCompletionRequest.';
    if (this.options.createError !== undefined) throw this.options.createError;
    let images = 0;
    const texts: string[] = [];
    for (const m of request.messages) {
      if (typeof m.content === 'string') {
        texts.push(m.content);
        continue;
      }
      if (m.role !== 'user') throw `ContentTypeError: ${m.role}'s message`;
      if (m.content.filter((p) => p.type === 'text').length > 1)
        throw 'MultipleTextContentError: Each message can have at most one text contentPart, but received more than 1.';
      for (const p of m.content) {
        if (p.type === 'text') texts.push(p.text);
        else if (!p.image_url.url.startsWith('data:image')) throw `UnsupportedImageURLError: ${p.image_url.url}`;
        else images += 1;
      }
    }
    this.requests.push(request);
    this.options.onCreate?.();
    const promptText = texts.join('\n');
    const latency = this.options.latencyMs;
    const latencyMs = typeof latency === 'function' ? latency(promptText) : (latency ?? 0);
    return this.generate(
      this.options.respond(promptText),
      latencyMs,
      Math.ceil(promptText.length / 4) + 10 * images,
      request.max_tokens,
    );
  }

  private async *generate(
    reply: string,
    latencyMs: number,
    promptTokens: number,
    maxTokens: number,
  ): AsyncGenerator<WebLlmChunk> {
    this.active += 1;
    if (this.active > 1) throw new Error('fake web-llm: two generations at once (the real engine runs one sequence)');
    this.interruptFlag = false; // as web-llm's asyncGenerate does when the generation starts
    try {
      const pieces = reply.match(/\S+\s*|\s+/g) ?? [];
      const perPieceMs = latencyMs / Math.max(1, pieces.length);
      let count = 0;
      let finish = 'stop';
      for (const piece of pieces) {
        for (let waited = 0; waited < perPieceMs && !this.interruptFlag; waited += 5)
          await sleep(Math.min(5, perPieceMs - waited));
        if (this.interruptFlag) {
          finish = 'abort';
          break;
        }
        if (count >= maxTokens) {
          finish = 'length';
          break;
        }
        count += 1;
        yield { choices: [{ delta: { content: piece }, finish_reason: null }] };
      }
      yield { choices: [{ delta: {}, finish_reason: finish }] };
      yield {
        choices: [],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: count,
          extra: { time_to_first_token_s: 0.25, decode_tokens_per_s: 20, prefill_tokens_per_s: 100 },
        },
      };
    } finally {
      this.active -= 1;
    }
  }
}
