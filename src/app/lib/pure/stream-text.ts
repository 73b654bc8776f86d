// A byte stream's text (UTF-8), chunk by chunk as it arrives: no string of the whole stream is ever built.

/** `ignoreBOM`: keep a leading U+FEFF as text (a stream that starts mid-file, after a newline). */
export async function* streamText(stream: ReadableStream<Uint8Array>, ignoreBOM = false): AsyncGenerator<string> {
  // A streaming decoder: a multi-byte character split between two chunks decodes whole.
  const decoder = new TextDecoder('utf-8', { ignoreBOM });
  const chunks = stream.getReader();
  for (;;) {
    const { done, value } = await chunks.read();
    if (done) break;
    yield decoder.decode(value, { stream: true });
  }
  yield decoder.decode();
}
