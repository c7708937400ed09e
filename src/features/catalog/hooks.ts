/**
 * Who hears that a centre published its catalogue: listeners run AFTER the publication's
 * transaction committed, in the background (the publish answer never waits for them), and a
 * failing listener is logged, never the publication's failure. Features register here (e.g. the
 * posting boards render themselves again) so the catalogue imports none of them.
 */
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';

export interface CatalogPublished {
  center: Center;
  importId: number;
  published: number;
  /** `protocol://host` of the request that published, when one did (the CLI has none). */
  origin: string | null;
}

type Listener = (deps: Deps, event: CatalogPublished) => Promise<void>;

const listeners = new Map<string, Listener>();

/** Registers (or replaces: registering twice is harmless) the listener called `name`. */
export function onCatalogPublished(name: string, listener: Listener): void {
  listeners.set(name, listener);
}

/** Tells every listener, without waiting for them; their failures are logged. */
export function announcePublication(deps: Deps, event: CatalogPublished): void {
  for (const [name, listener] of listeners) {
    Promise.resolve()
      .then(() => listener(deps, event))
      .catch((err: unknown) => {
        deps.log.error({ err, listener: name, center: event.center.slug }, 'catalogue publication listener failed');
      });
  }
}
