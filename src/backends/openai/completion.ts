// Reading a chat-completions answer: the JSON body, or the SSE stream when streaming.
// Remote JSON is untrusted: anything malformed becomes a 'bad-response' failure (retried once), never a crash.
import type { BoundedReader, TextRead } from './body';
import type { AttemptFailure } from './failures';
import { classifyHttpFailure, malformedFailure, transportFailure } from './failures';

export interface ParsedCompletion {
  text: string;
  finishReason: 'stop' | 'length';
  promptTokens: number | null;
  completionTokens: number | null;
}

export type Parsed = { ok: true; completion: ParsedCompletion } | { ok: false; failure: AttemptFailure };
/** A stream cut short by the read limits (deadline, idle, byte cap) or the caller. */
export type Cut = Exclude<TextRead, { kind: 'text' }>;

const asRecord = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const asCount = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
const asText = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Reasoning servers (vLLM --reasoning-parser) split the thinking off; keep it, before the answer, as the model wrote it. */
function joinReasoning(reasoning: string, content: string): string {
  return reasoning === '' ? content : `<think>${reasoning}</think>\n\n${content}`;
}

function usageOf(root: Record<string, unknown>): { promptTokens: number | null; completionTokens: number | null } {
  const usage = asRecord(root['usage']);
  return { promptTokens: asCount(usage?.['prompt_tokens']), completionTokens: asCount(usage?.['completion_tokens']) };
}

const badResponse = (why: string): Parsed => ({
  ok: false,
  failure: malformedFailure(`malformed response: ${why}`),
});

export function parseCompletionBody(bodyText: string): Parsed {
  let root: Record<string, unknown> | null;
  try {
    root = asRecord(JSON.parse(bodyText));
  } catch {
    return badResponse(`not JSON (${bodyText.length} characters: ${JSON.stringify(bodyText.slice(0, 80))})`);
  }
  if (root === null) return badResponse('not a JSON object');
  const choices = root['choices'];
  const choice = Array.isArray(choices) ? asRecord(choices[0]) : null;
  const message = asRecord(choice?.['message']);
  if (choice === null || message === null) return badResponse('no choices[0].message');
  const content = message['content'];
  if (content !== null && typeof content !== 'string') return badResponse('choices[0].message.content is not text');
  const reasoning = asText(message['reasoning_content']) || asText(message['reasoning']);
  return {
    ok: true,
    completion: {
      text: joinReasoning(reasoning, content ?? ''),
      finishReason: choice['finish_reason'] === 'length' ? 'length' : 'stop',
      ...usageOf(root),
    },
  };
}

/** Consumes an SSE body, passing content deltas to onToken; a stream that ends without finishing is a dropped connection. */
export async function readCompletionStream(
  reader: BoundedReader,
  onToken: ((piece: string) => void) | undefined,
  where: { endpoint: string; model: string },
): Promise<Parsed | Cut> {
  const decoder = new TextDecoder();
  let buffer = '';
  let content = '';
  let reasoning = '';
  let finish: string | null = null;
  let usage: { promptTokens: number | null; completionTokens: number | null } = {
    promptTokens: null,
    completionTokens: null,
  };
  let done = false;
  const handle = (data: string): Parsed | null => {
    if (data === '[DONE]') {
      done = true;
      return null;
    }
    let chunk: Record<string, unknown> | null;
    try {
      chunk = asRecord(JSON.parse(data));
    } catch {
      return badResponse(`stream chunk is not JSON: ${JSON.stringify(data.slice(0, 80))}`);
    }
    if (chunk === null) return badResponse('stream chunk is not an object');
    const error = asRecord(chunk['error']);
    if (error !== null) {
      const status = asCount(error['code']) ?? 500;
      return {
        ok: false,
        failure: classifyHttpFailure(status >= 400 ? status : 500, JSON.stringify(chunk), null, where),
      };
    }
    if (asRecord(chunk['usage']) !== null) usage = usageOf(chunk);
    const choices = chunk['choices'];
    const choice = Array.isArray(choices) ? asRecord(choices[0]) : null;
    const delta = asRecord(choice?.['delta']);
    const piece = asText(delta?.['content']);
    reasoning += asText(delta?.['reasoning_content']) || asText(delta?.['reasoning']);
    if (piece !== '') {
      content += piece;
      onToken?.(piece);
    }
    if (typeof choice?.['finish_reason'] === 'string') finish = choice['finish_reason'];
    return null;
  };
  try {
    for (;;) {
      const chunk = await reader.next();
      if (chunk.kind === 'end') break;
      if (chunk.kind !== 'chunk') return chunk;
      buffer += decoder.decode(chunk.bytes, { stream: true });
      let cut = buffer.indexOf('\n');
      while (cut >= 0) {
        const line = buffer.slice(0, cut).replace(/\r$/, '');
        buffer = buffer.slice(cut + 1);
        if (line.startsWith('data:')) {
          const problem = handle(line.slice(5).trim());
          if (problem !== null) return problem;
        }
        cut = buffer.indexOf('\n');
      }
      if (done) break;
    }
  } finally {
    // [DONE] seen or a problem found: whatever the server still sends is not read
    reader.cancel();
  }
  if (!done && finish === null)
    return {
      ok: false,
      failure: transportFailure('backend/connection', 'the stream ended before the answer was complete'),
    };
  return {
    ok: true,
    completion: {
      text: joinReasoning(reasoning, content),
      finishReason: finish === 'length' ? 'length' : 'stop',
      ...usage,
    },
  };
}
