// A ModelBackend that answers from a script: the stand-in model of the run-engine and contract tests.
// Latency is real (timers) and abortable, so cancellation and concurrency behave as with a real backend.
import { EvalError } from '../../core/errors';
import type { BackendCapabilities, ModelBackend } from '../../core/ports';
import type { ChatMessage, GenerateRequest, GenerateResult } from '../../core/types';
import { createLiveGenerations } from '../shared/live-generations';

export interface ScriptedReply {
  text: string;
  finishReason?: 'stop' | 'length';
  promptTokens?: number | null;
  completionTokens?: number | null;
}

export interface ScriptCall {
  /** All text parts of the prompt, joined by newlines. */
  promptText: string;
  /** 1 for the first time this prompt text is seen, 2 for the second, … */
  attempt: number;
  request: GenerateRequest;
}

/** Returns the reply, or throws (an EvalError) to fail the call. */
export type Script = (call: ScriptCall) => string | ScriptedReply | Promise<string | ScriptedReply>;

export interface ScriptedBackendOptions {
  script: Script;
  latencyMs?: number | ((call: ScriptCall) => number);
  /** Stream the reply word by word to onToken. */
  streaming?: boolean;
  maxImages?: number;
}

export interface ScriptedBackend extends ModelBackend {
  /** Calls per prompt text, failed and aborted ones included. */
  readonly calls: ReadonlyMap<string, number>;
  /** Generations in flight now, and the most ever in flight at once. */
  inFlight(): { now: number; peak: number };
}

export function promptTextOf(messages: readonly ChatMessage[]): string {
  return messages.flatMap((m) => m.content.flatMap((p) => (p.type === 'text' ? [p.text] : []))).join('\n');
}

export function createScriptedBackend(options: ScriptedBackendOptions): ScriptedBackend {
  const calls = new Map<string, number>();
  const live = createLiveGenerations();
  let now = 0;
  let peak = 0;
  let disposed = false;
  const capabilities: BackendCapabilities = {
    maxImages: options.maxImages ?? Infinity,
    streaming: options.streaming === true,
    device: 'cpu',
  };

  const wait = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      const aborted = (): void => {
        clearTimeout(timer);
        reject(new EvalError('backend/aborted', 'The request was cancelled.'));
      };
      if (signal.aborted) return aborted();
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', aborted);
        resolve();
      }, ms);
      signal.addEventListener('abort', aborted, { once: true });
    });

  const generate = async (request: GenerateRequest, onToken?: (piece: string) => void): Promise<GenerateResult> => {
    if (disposed) throw new EvalError('backend/disposed', 'This backend was disposed: create a new one.');
    if (request.signal?.aborted) throw new EvalError('backend/aborted', 'The request was cancelled.');
    const generation = live.begin(request.signal);
    now += 1;
    peak = Math.max(peak, now);
    const started = performance.now();
    try {
      const promptText = promptTextOf(request.messages);
      const attempt = (calls.get(promptText) ?? 0) + 1;
      calls.set(promptText, attempt);
      const call: ScriptCall = { promptText, attempt, request };
      const latency = typeof options.latencyMs === 'function' ? options.latencyMs(call) : (options.latencyMs ?? 0);
      if (latency > 0) await wait(latency, generation.signal);
      else if (generation.signal.aborted) throw new EvalError('backend/aborted', 'The request was cancelled.');
      const raw = await options.script(call);
      const reply: ScriptedReply = typeof raw === 'string' ? { text: raw } : raw;
      if (options.streaming === true && onToken !== undefined) {
        for (const piece of reply.text.match(/\S+\s*|\s+/g) ?? []) onToken(piece);
      }
      return {
        text: reply.text,
        finishReason: reply.finishReason ?? 'stop',
        promptTokens: reply.promptTokens !== undefined ? reply.promptTokens : Math.ceil(promptText.length / 4),
        completionTokens:
          reply.completionTokens !== undefined ? reply.completionTokens : (reply.text.match(/\S+/g) ?? []).length,
        latencyMs: performance.now() - started,
      };
    } finally {
      now -= 1;
      generation.end();
    }
  };

  return {
    capabilities,
    calls,
    inFlight: () => ({ now, peak }),
    load: async (onProgress) => onProgress?.({ phase: 'ready', message: 'scripted model' }),
    generate,
    interrupt: async () => live.abortAll(),
    dispose: async () => {
      disposed = true;
      live.abortAll();
    },
  };
}
