// Front door of the prompt module: the versioned template and the functions that render an Item.

export { DEFAULT_PROMPT, PROMPT_VERSION, type PromptTemplate } from './template';
export { buildMessages, buildPromptText } from './build';
