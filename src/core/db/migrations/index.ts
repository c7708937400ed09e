/** The ordered list of migrations. Append only; never edit a migration that has shipped. */
import type { Migration } from './helpers.ts';
import { migration as m001 } from './001-foundation.ts';
import { migration as m002 } from './002-catalog.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': m001,
  '002-catalog': m002,
};
