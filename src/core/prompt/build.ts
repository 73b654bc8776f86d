// Renders an Item into the prompt text and the chat messages every backend receives (images resolved by run/item.ts).
// Images come first, in item order, then one text part: question, options, instruction.

import type { ContentPart, ImageRef, Item, PromptMessage } from '../types';
import { DEFAULT_PROMPT, type PromptTemplate } from './template';

// MMMU writes `<image 1>`; tolerate `<image_1>` and extra spaces, which some mirrors use.
const IMAGE_PLACEHOLDER = /<image[ _]?(\d+)\s*>/gi;

function replaceImagePlaceholders(text: string, template: PromptTemplate): string {
  return text.replace(IMAGE_PLACEHOLDER, (_m, n: string) => template.imageLabel.replace('{n}', n));
}

function renderOption(letter: string, text: string, template: PromptTemplate): string {
  // Function replacements so `$&`-style sequences in option texts are never interpreted.
  return template.optionFormat.replace('{letter}', () => letter).replace('{text}', () => text);
}

export function buildPromptText(item: Item, template: PromptTemplate = DEFAULT_PROMPT): string {
  const question = replaceImagePlaceholders(item.question.trim(), template);
  const options = item.options.map((o) =>
    renderOption(o.letter, replaceImagePlaceholders(o.text.trim(), template), template),
  );
  return `${question}\n\n${options.join('\n')}\n\n${template.instruction}`;
}

/** The item as chat messages, its images still references: the run's item step reads their bytes. */
export function buildMessages(item: Item, template: PromptTemplate = DEFAULT_PROMPT): PromptMessage[] {
  const content: ContentPart<ImageRef>[] = item.images.map((image) => ({ type: 'image', image }));
  content.push({ type: 'text', text: buildPromptText(item, template) });
  return [{ role: 'user', content }];
}
