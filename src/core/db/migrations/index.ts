/** The ordered list of migrations. Append only; never edit a migration that has shipped. */
import type { Migration } from './helpers.ts';
import { migration as m001 } from './001-foundation.ts';
import { migration as m002 } from './002-catalog.ts';
import { migration as m003 } from './003-dossiers.ts';
import { migration as m004 } from './004-notifications.ts';
import { migration as m005 } from './005-apologies.ts';
import { migration as m006 } from './006-attachments.ts';
import { migration as m007 } from './007-center-settings.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': m001,
  '002-catalog': m002,
  '003-dossiers': m003,
  '004-notifications': m004,
  '005-apologies': m005,
  '006-attachments': m006,
  '007-center-settings': m007,
};
