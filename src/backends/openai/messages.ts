// Core chat messages → OpenAI chat-completions messages; images become image_url data URIs.
import type { ChatMessage } from '../../core/types';

export type OpenAIContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
export interface OpenAIMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | OpenAIContentPart[];
}

export async function toOpenAIMessages(
  messages: readonly ChatMessage[],
  toDataUri: (bytes: Uint8Array) => Promise<string>,
): Promise<OpenAIMessage[]> {
  const out: OpenAIMessage[] = [];
  for (const message of messages) {
    if (message.role !== 'user') {
      // system/assistant turns carry text only in the OpenAI API
      out.push({ role: message.role, content: message.content.map((p) => (p.type === 'text' ? p.text : '')).join('') });
      continue;
    }
    const parts: OpenAIContentPart[] = [];
    for (const part of message.content) {
      if (part.type === 'text') {
        parts.push({ type: 'text', text: part.text });
        continue;
      }
      parts.push({ type: 'image_url', image_url: { url: await toDataUri(part.image.bytes) } });
    }
    out.push({ role: 'user', content: parts });
  }
  return out;
}
