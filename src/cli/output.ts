/** Terminal output helpers for the CLI: a progress bar and a readable catalogue diff. */
import type { DiffItem, DiffSummary } from '../features/catalog/model.ts';

/** A progress bar on stderr (redrawn in place on a terminal, a final line otherwise). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let last = -1;
  return (done: number, total: number) => {
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    const pct = total ? Math.round((done / total) * 100) : 100;
    if (pct === last) return;
    last = pct;
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
    if (stream.isTTY) stream.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total) stream.write(`${line}\n`);
  };
}

const KIND_LABEL: Record<DiffItem['kind'], string> = {
  new: 'MỚI / new',
  changed: 'SỬA / changed',
  abolished: 'BÃI BỎ / abolished',
  unchanged: 'giữ nguyên / unchanged',
};

export function formatDiff(items: readonly DiffItem[], summary: DiffSummary): string {
  const lines = [
    `Thay đổi / changes: ${summary.new} mới/new, ${summary.changed} sửa/changed, ${summary.abolished} bãi bỏ/abolished, ${summary.unchanged} giữ nguyên/unchanged`,
  ];
  for (const i of items) {
    if (i.kind === 'unchanged') continue;
    const name = (i.data ?? i.before)?.name ?? '';
    const detail =
      i.kind === 'changed'
        ? ` (${i.changedFields.join(', ')})`
        : i.missing
          ? ' (không có trong tệp / missing from the file)'
          : '';
    lines.push(`  ${KIND_LABEL[i.kind].padEnd(22)} ${i.code}  ${name}${detail}`);
  }
  return lines.join('\n');
}
