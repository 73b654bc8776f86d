// A byte stream's text (UTF-8), chunk by chunk as it arrives: no string of the whole stream is ever built.

export async function* streamText(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  // A streaming decoder: a multi-byte character split between two chunks decodes whole.
  const decoder = new TextDecoder();
  const chunks = stream.getReader();
  for (;;) {
    const { done, value } = await chunks.read();
    if (done) break;
    yield decoder.decode(value, { stream: true });
  }
  yield decoder.decode();
}
