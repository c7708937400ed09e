/** Bytes that crossed the task pool's process boundary arrive as Uint8Array: the same memory as a Buffer. */
export function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
