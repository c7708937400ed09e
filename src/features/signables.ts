/**
 * The documents the signing room can sign (issue 14), by kind, and where they are rendered: in
 * the task pool (decision 052). The server registers each kind's label with the signing room and a
 * render that runs the task `signableDocument` (src/features/tasks.ts); the pool's child renders
 * the document with the function named here, so no renderer loads in the server. The signing room
 * imports no other feature: this composition file is the one place that names the sources.
 */
import type { Deps } from '../core/deps.ts';
import type { Actor } from '../core/auth/access.ts';
import { invalid } from '../core/http/errors.ts';
import { registerSignable, type SignableDocument } from './signing/index.ts';
import { offload } from './tasks.ts';

interface Source {
  label: { vi: string; en: string };
  render: (deps: Deps, actor: Actor, slug: string, ref: string) => Promise<SignableDocument>;
}

const SOURCES: Readonly<Record<string, Source>> = {
  form04: {
    label: { vi: 'Phiếu xin lỗi và hẹn lại (mẫu 04) — mã hồ sơ', en: 'Apology (form 04) — dossier code' },
    render: async (d, a, slug, ref) => (await import('./dossiers/index.ts')).form04Document(d, a, slug, ref),
  },
  letter: {
    label: { vi: 'Thư chúc mừng / chia buồn — số thứ tự (id) của thư', en: 'Courtesy letter — letter id' },
    render: async (d, a, slug, ref) => (await import('./letters/files.ts')).signableLetterFile(d, a, slug, ref),
  },
  quarterly_report: {
    label: { vi: 'Báo cáo quý — năm-quý, ví dụ 2026-4', en: 'Quarterly report — year-quarter, e.g. 2026-4' },
    render: async (d, a, slug, ref) => (await import('./plan/index.ts')).quarterlyReportSignable(d, a, slug, ref),
  },
};

/** The task's body, in the process that renders (a pool child, or this one without a pool). */
export async function renderSignable(
  deps: Deps,
  actor: Actor,
  kind: string,
  slug: string,
  ref: string,
): Promise<SignableDocument> {
  const source = Object.hasOwn(SOURCES, kind) ? SOURCES[kind] : undefined;
  if (!source) throw invalid('kind', `Loại văn bản không có: ${kind}.`, `Unknown document kind: ${kind}.`);
  return source.render(deps, actor, slug, ref);
}

/** Called by the composition root (features/index.ts): every source, rendered in the task pool. */
export function registerSignables(): void {
  for (const [kind, { label }] of Object.entries(SOURCES))
    registerSignable(kind, label, async (deps, actor, slug, ref) => {
      const r = await offload(deps, slug, 'signableDocument', actor, kind, slug, ref);
      // Bytes come back from a child as a Uint8Array: the signing room wants a Buffer.
      return { title: r.title, fileName: r.fileName, pdf: Buffer.from(r.pdf) };
    });
}
