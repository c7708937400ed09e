/**
 * What a request log line may say (docs/decisions/034). Query strings are never logged (lookup
 * secrets, search terms with citizens' names travel there: `/tra-cuu?…&secret=…`,
 * `/danh-gia?…&bi-mat=…`); bodies are never logged; a public page is logged by its route
 * pattern (`/:slug/phan-anh/:code`), not by the path that carries a tracking code. Staff console
 * paths are kept (they hold record ids, which staff need to trace a problem), without the query.
 */
import type { FastifyRequest } from 'fastify';

const STAFF_PATH = /^\/console(\/|$)/;

/** The URL as logged: route pattern for public requests, path without the query for the console. */
export function loggedUrl(req: Pick<FastifyRequest, 'url' | 'routeOptions'>): string {
  const path = req.url.split('?', 1)[0] ?? '';
  if (STAFF_PATH.test(path)) return path;
  const route = req.routeOptions.url;
  return route ?? '(no route)';
}

/** Where log lines go when not stdout (tests capture them). */
export interface LogStream {
  write(line: string): void;
}

export function loggerOptions(level: string, stream?: LogStream) {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: loggedUrl(req),
        ip: req.ip,
      }),
    },
  };
}
