import { createWriteStream } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/core/db/connect.ts';
import { openBook, writeBookPdf } from '../src/features/dossiers/forms/book.ts';
const config = { ...loadConfig({}), databaseUrl: `sqlite:data/bench-centre-year.sqlite` };
const database = openDatabase(config.databaseUrl);
const deps = { db: database.db, dialect: database.dialect, config, now: () => new Date(), log: { info: () => undefined, warn: () => undefined, error: () => undefined } };
const actor = { userId: 1, username: 'b', fullName: 'B', homeCenterId: 1, roles: new Map([[1, new Set(['director'])]]), via: 'session' as const };
const { head, chunks } = await openBook(deps, actor as never, '2026-01-01', '2026-12-31', 'pdf');
async function* spy() { let i = 0; for await (const c of chunks) { if (++i === 30) { (globalThis as any).gc?.(); console.log(writeHeapSnapshot('/tmp/book.heapsnapshot')); } yield c; } }
await writeBookPdf(head, spy(), createWriteStream('/tmp/hs.pdf'));
