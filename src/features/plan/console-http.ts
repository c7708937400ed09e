/**
 * What the plan's and the register's console routes share (and the facility checklist's file
 * download): the signed-in officer's home centre with the page shell, the flash and error
 * messages of a POST-redirect-GET form, and sending a stored file or a pool-written export.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import type { Center } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/errors.ts';
import { requireActor } from '../../core/http/context.ts';
import { sendExportFile } from '../../core/http/download.ts';
import type { Lang } from '../../core/http/i18n.ts';
import { getCenterById } from '../centers/index.ts';
import { consoleNav } from '../console/index.ts';
import { contentDisposition } from './files.ts';

/** A page request: its query read field by field (`AnyQuery`). */
export type QReq = FastifyRequest<{ Querystring: Record<string, unknown> }>;

/** The props every console page of these rooms takes. */
export interface ConsoleBase {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ReturnType<typeof consoleNav>;
}

export interface ConsoleShell {
  actor: Actor;
  center: Center;
  base: ConsoleBase;
}

/** The signed-in officer (401 otherwise), their home centre and the page shell with `navPath` current. */
export async function consoleShell(deps: Deps, req: QReq, navPath: string): Promise<ConsoleShell> {
  const actor = requireActor(req);
  const center = await getCenterById(deps, actor.homeCenterId);
  return {
    actor,
    center,
    base: {
      lang: req.lang,
      path: req.url,
      csrf: req.csrfToken ?? '',
      userName: actor.fullName,
      centerName: center.name,
      nav: consoleNav(req.lang, actor, navPath),
    },
  };
}

/** `?lang=en` (or `&lang=en` with sep '&') to keep an English reader in English after a redirect. */
export function langSuffix(req: QReq, sep = '?'): string {
  return req.lang === 'en' ? `${sep}lang=en` : '';
}

/** The `?ok=` flash when it is one the page knows, else null. */
export function okFlash(req: QReq, known: ReadonlySet<string>): string | null {
  const ok = req.query.ok;
  return typeof ok === 'string' && known.has(ok) ? ok : null;
}

/**
 * The messages a form shows again for an error the user can fix (a 4xx other than 401/403/404),
 * in the reader's language; null for any other error (the caller rethrows it).
 */
export function formMessages(lang: Lang, e: unknown): string[] | null {
  return e instanceof AppError &&
    e.status < 500 &&
    e.code !== 'NOT_FOUND' &&
    e.code !== 'FORBIDDEN' &&
    e.code !== 'UNAUTHENTICATED'
    ? e.details.length
      ? e.details.map((d) => d[lang])
      : [e.message]
    : null;
}

/** A stored file, not cached, as an attachment (or shown in the browser when `inline`). */
export function sendFile(reply: FastifyReply, f: { bytes: Buffer; contentType: string; name: string }, inline = false) {
  const disp = contentDisposition(f.name);
  return reply
    .type(f.contentType)
    .header('content-disposition', inline ? disp.replace(/^attachment/, 'inline') : disp)
    .header('cache-control', 'no-store')
    .send(f.bytes);
}

/** Sends an export the task pool wrote to a temporary file (the file's name is gone once it is open). */
export async function streamExport(
  reply: FastifyReply,
  f: { path: string; contentType: string; fileName: string },
  inline: boolean,
): Promise<FastifyReply> {
  const disp = contentDisposition(f.fileName);
  await sendExportFile(reply, f.path, {
    type: f.contentType,
    disposition: inline ? disp.replace(/^attachment/, 'inline') : disp,
  });
  return reply;
}
