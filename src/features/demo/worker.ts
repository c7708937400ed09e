/**
 * Loads the demo centre in a child process (see loadDemoIsolated in ./isolated.ts): a year of
 * dossiers, letters, visits, queue history… allocate memory that a commune's idle server should
 * not keep. The child has its own heap and database connection; both go away when it exits.
 * Input: the server's configuration as JSON in MOTCUA_DEMO_CONFIG. Exit code 0: loaded; 3: the
 * demo centre already existed.
 */
import type { Config } from '../../config.ts';
import { openDatabase } from '../../core/db/connect.ts';
import { loadDemo } from './service.ts';

export const DEMO_EXISTS_EXIT = 3;

const config = JSON.parse(process.env.MOTCUA_DEMO_CONFIG ?? 'null') as Config | null;
if (!config) {
  console.error('MOTCUA_DEMO_CONFIG is not set');
  process.exit(2);
}
const database = openDatabase(config.databaseUrl);
const quiet = {
  info() {},
  warn() {},
  error: (o: unknown, m?: string) => {
    console.error(m ?? o);
  },
};
let code = 0;
try {
  const r = await loadDemo({ db: database.db, dialect: database.dialect, config, now: () => new Date(), log: quiet });
  code = r.loaded ? 0 : DEMO_EXISTS_EXIT;
} finally {
  await database.close();
}
process.exit(code);
