/**
 * The child of the streamed-exports lane (src/features/tasks.ts, decision 051): the year's
 * tracking book and the DVCQG export. The same protocol as ./task-worker.ts, but it loads only
 * what those tasks need (no desk listeners: they publish nothing), so the child that holds a
 * year's book starts small and its heap cap is spent on the book.
 */
import { serveTaskNames } from './child-entry.ts';
import { STREAMED_EXPORTS } from './tasks.ts';

serveTaskNames([...STREAMED_EXPORTS]);
