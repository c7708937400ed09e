/** The one Content-Disposition for files the product sends (RFC 6266), and the sending of exports written to files. */
import type { FastifyReply } from 'fastify';
import { takeExport } from '../documents/files.ts';
import { stripDiacritics } from '../text/index.ts';

/**
 * `attachment; filename="ascii"; filename*=UTF-8''…` (or `inline; …`): Vietnamese names survive in
 * browsers, old clients get an ASCII name without diacritics.
 */
export function contentDisposition(name: string, inline = false): string {
  const ascii = stripDiacritics(name).replace(/[^A-Za-z0-9._ -]/g, '_') || 'tep';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Bytes read from an export file at a time; two such buffers are all a download holds. */
const CHUNK = 256 * 1024;

/**
 * Sends an export a task-pool child wrote to a temporary file (its name is gone once it is open):
 * the reply's headers (security, request id) plus type, length and `no-store`, then the file
 * through two buffers used in turn, each refilled only once the socket has taken what it held.
 * A stream of the file (fs.ReadStream piped to the socket) allocates a new buffer per read and
 * leaves them to the garbage collector: a 40 MB year book grew the server by 10–30 MB that the
 * allocator kept after the collection. A client that goes away stops the reading.
 */
export async function sendExportFile(
  reply: FastifyReply,
  path: string,
  headers: { type: string; disposition?: string },
): Promise<void> {
  const { file, size } = await takeExport(path);
  const res = reply.raw;
  reply.hijack();
  try {
    for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) res.setHeader(k, v);
    res.setHeader('content-type', headers.type);
    if (headers.disposition) res.setHeader('content-disposition', headers.disposition);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-length', size);
    res.writeHead(200);
    const bufs = [Buffer.allocUnsafeSlow(CHUNK), Buffer.allocUnsafeSlow(CHUNK)] as const;
    // Each write settles its promise (never rejects: a failure is kept in `cut`, so no promise
    // is left rejected while the loop waits for the other buffer).
    const written: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
    const cut = { failed: false };
    const pending = new Set<() => void>();
    res.once('close', () => {
      if (!res.writableFinished) cut.failed = true;
      // A connection that closed may never call back: nothing waits for it.
      for (const done of pending) done();
    });
    for (let k = 0, sent = 0; sent < size && !cut.failed; k ^= 1) {
      await written[k];
      const buf = k ? bufs[1] : bufs[0];
      const { bytesRead } = await file.read(buf, 0, CHUNK, sent);
      if (!bytesRead) break;
      sent += bytesRead;
      written[k] = new Promise<void>((resolve) => {
        const done = () => {
          pending.delete(done);
          resolve();
        };
        pending.add(done);
        res.write(buf.subarray(0, bytesRead), (e) => {
          if (e) cut.failed = true;
          done();
        });
      });
    }
    await Promise.all(written);
    if (cut.failed) res.destroy();
    else res.end();
  } catch {
    // The file could not be read after the headers went out: cut the answer short (the client sees it).
    res.destroy();
  } finally {
    await file.close();
  }
}
