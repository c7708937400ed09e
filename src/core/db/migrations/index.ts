/** The ordered list of migrations. Append only; never edit a migration that has shipped. */
import type { Migration } from './helpers.ts';
import { migration as m001 } from './001-foundation.ts';
import { migration as m002 } from './002-catalog.ts';
import { migration as m003 } from './003-dossiers.ts';
import { migration as m004 } from './004-notifications.ts';
import { migration as m005 } from './005-apologies.ts';
import { migration as m006 } from './006-attachments.ts';
import { migration as m007 } from './007-center-settings.ts';
import { migration as m008 } from './008-courtesy-letters.ts';
import { migration as m009 } from './009-home-service.ts';
import { migration as m010 } from './010-volunteers.ts';
import { migration as m011 } from './011-queue.ts';
import { migration as m012 } from './012-surveys-feedback.ts';
import { migration as m013 } from './013-reports.ts';
import { migration as m014 } from './014-plan.ts';
import { migration as m015 } from './015-report-indexes.ts';
import { migration as m016 } from './016-clock-and-indicators.ts';
import { migration as m017 } from './017-intake-paper.ts';
import { migration as m018 } from './018-desk-day.ts';
import { migration as m019 } from './019-citizens-first.ts';
import { migration as m020 } from './020-catalog-review.ts';
import { migration as m021 } from './021-signing.ts';
import { migration as m022 } from './022-dvcqg-sync.ts';
import { migration as m023 } from './023-province.ts';
import { migration as m024 } from './024-shared-limits.ts';
import { migration as m025 } from './025-apology-signer.ts';
import { migration as m026 } from './026-report-rollups.ts';
import { migration as m027 } from './027-list-indexes.ts';
import { migration as m028 } from './028-covering-report-indexes.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': m001,
  '002-catalog': m002,
  '003-dossiers': m003,
  '004-notifications': m004,
  '005-apologies': m005,
  '006-attachments': m006,
  '007-center-settings': m007,
  '008-courtesy-letters': m008,
  '009-home-service': m009,
  '010-volunteers': m010,
  '011-queue': m011,
  '012-surveys-feedback': m012,
  '013-reports': m013,
  '014-plan': m014,
  '015-report-indexes': m015,
  '016-clock-and-indicators': m016,
  '017-intake-paper': m017,
  '018-desk-day': m018,
  '019-citizens-first': m019,
  '020-catalog-review': m020,
  '021-signing': m021,
  '022-dvcqg-sync': m022,
  '023-province': m023,
  '024-shared-limits': m024,
  '025-apology-signer': m025,
  '026-report-rollups': m026,
  '027-list-indexes': m027,
  '028-covering-report-indexes': m028,
};
