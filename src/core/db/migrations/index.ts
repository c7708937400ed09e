/** The ordered list of migrations. Append only; never edit a migration that has shipped. */
import type { Migration } from './helpers.ts';
import { migration as m001 } from './001-foundation.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': m001,
};
