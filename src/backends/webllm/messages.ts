// Core chat messages → web-llm messages. web-llm's VLM path takes images only in user turns, as image_url parts
// with data URLs, and at most one text part per message: several text parts are joined into one.
import { EvalError } from '../../core/errors';
import type { ChatMessage, ContentPart } from '../../core/types';
import type { WebLlmContentPart, WebLlmMessage } from './engine';

const textOf = (parts: readonly ContentPart[]): string =>
  parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n');

export async function toWebLlmMessages(
  messages: readonly ChatMessage[],
  toDataUri: (bytes: Uint8Array) => Promise<string>,
): Promise<WebLlmMessage[]> {
  const out: WebLlmMessage[] = [];
  for (const [index, message] of messages.entries()) {
    if (message.role !== 'user') {
      if (message.content.some((p) => p.type === 'image')) {
        throw new EvalError(
          'backend/bad-request',
          `web-llm takes images only in user messages; message ${index} (${message.role}) has one. Move the image into the user turn.`,
        );
      }
      if (message.role === 'system' && index !== 0)
        throw new EvalError('backend/bad-request', 'web-llm takes a system message only as the first message.');
      out.push({ role: message.role, content: textOf(message.content) });
      continue;
    }
    const images: WebLlmContentPart[] = [];
    for (const part of message.content) {
      if (part.type !== 'image') continue;
      images.push({ type: 'image_url', image_url: { url: await toDataUri(part.image.bytes) } });
    }
    const text = textOf(message.content);
    out.push({ role: 'user', content: images.length === 0 ? text : [...images, { type: 'text', text }] });
  }
  return out;
}
