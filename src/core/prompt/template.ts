// The prompt template as versioned data: one template for every model and benchmark (protocol §2).
// Bump `version` whenever any field changes; the version is stored with every result.

export interface PromptTemplate {
  /** Stored in every run manifest; change it whenever the rendered text could change. */
  version: string;
  /** The closing instruction line (the paper's chain-of-thought sentence). */
  instruction: string;
  /** How one option line is rendered; `{letter}` and `{text}` are substituted. */
  optionFormat: string;
  /** What MMMU's `<image n>` placeholders become; `{n}` is substituted. */
  imageLabel: string;
}

export const DEFAULT_PROMPT: PromptTemplate = Object.freeze({
  version: 'cot-boxed-v1',
  instruction: 'Please reason step by step, and put the final answer in \\boxed{}.',
  optionFormat: '{letter}. {text}',
  imageLabel: '[Image {n}]',
});

export const PROMPT_VERSION = DEFAULT_PROMPT.version;
