// The part of @mlc-ai/web-llm's MLCEngineInterface this backend uses, declared here so the backend can run
// (and be tested) over any engine: the real WebWorkerMLCEngine, or a fake one in Node.

export type WebLlmContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export type WebLlmMessage =
  | { role: 'system'; content: string }
  | { role: 'assistant'; content: string }
  | { role: 'user'; content: string | WebLlmContentPart[] };

export interface WebLlmChatRequest {
  messages: WebLlmMessage[];
  stream: true;
  stream_options: { include_usage: boolean };
  max_tokens: number;
  temperature: number;
  top_p: number;
  frequency_penalty: number;
  presence_penalty: number;
}

export interface WebLlmUsage {
  prompt_tokens: number;
  completion_tokens: number;
  extra?: { prefill_tokens_per_s?: number; decode_tokens_per_s?: number; time_to_first_token_s?: number };
}

export interface WebLlmChunk {
  choices: { delta: { content?: string | null }; finish_reason: string | null }[];
  usage?: WebLlmUsage;
}

export interface WebLlmEngine {
  chat: { completions: { create(request: WebLlmChatRequest): Promise<AsyncIterable<WebLlmChunk>> } };
  /** Asks the generation in flight to stop after its current step; the stream then ends with 'abort'. */
  interruptGenerate(): void;
  unload(): Promise<void>;
  runtimeStatsText(): Promise<string>;
  reload(modelId: string): Promise<void>;
}

/** web-llm's InitProgressReport. */
export interface WebLlmInitProgress {
  progress: number;
  timeElapsed: number;
  text: string;
}

/** The fields of a web-llm ModelRecord this app reads or writes (the rest pass through untouched). */
export interface WebLlmModelRecord {
  /** Base URL of the MLC weights (a hub repo URL gets "resolve/main/" appended by web-llm). */
  model: string;
  model_id: string;
  /** URL of the compiled WebGPU library (.wasm). */
  model_lib: string;
  required_features?: string[];
  overrides?: Record<string, unknown>;
  vram_required_MB?: number;
  low_resource_required?: boolean;
  /** web-llm's ModelType: 0 LLM, 1 embedding, 2 VLM. */
  model_type?: number;
}

export interface WebLlmAppConfig {
  model_list: WebLlmModelRecord[];
}
