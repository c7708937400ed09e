/**
 * Who hears that a centre's settings changed: listeners run AFTER the change's transaction
 * committed, in the background (the save never waits for them), and a failing listener is
 * logged, never the save's failure. Features register here (e.g. the posting boards, which print
 * the centre's name, address, phones and same-day days, render themselves again) so the centres
 * import none of them.
 */
import type { Deps } from '../../core/deps.ts';

export interface SettingsChanged {
  centerId: number;
  slug: string;
  /** `protocol://host` of the request that saved, when one did (the CLI and province copies have none). */
  origin: string | null;
}

type Listener = (deps: Deps, event: SettingsChanged) => Promise<void>;

const listeners = new Map<string, Listener>();

/** Registers (or replaces: registering twice is harmless) the listener called `name`. */
export function onSettingsChanged(name: string, listener: Listener): void {
  listeners.set(name, listener);
}

/** Tells every listener, without waiting for them; their failures are logged. */
export function announceSettingsChange(deps: Deps, event: SettingsChanged): void {
  for (const [name, listener] of listeners) {
    Promise.resolve()
      .then(() => listener(deps, event))
      .catch((err: unknown) => {
        deps.log.error({ err, listener: name, center: event.slug }, 'centre settings listener failed');
      });
  }
}
