/** The quarterly report as a finished PDF for the signing room (issue 14). ref = "<year>-<quarter>". */
import type { Deps } from '../../core/deps.ts';
import type { Actor } from '../../core/auth/access.ts';
import { invalid } from '../../core/http/errors.ts';

export async function quarterlyReportSignable(deps: Deps, actor: Actor, slug: string, ref: string) {
  const m = /^(\d{4})-([1-4])$/.exec(ref);
  if (!m)
    throw invalid(
      'ref',
      'Mã báo cáo dạng <năm>-<quý>, ví dụ 2026-4.',
      'Report reference: <year>-<quarter>, e.g. 2026-4.',
    );
  const { reportData } = await import('./report-data.ts');
  const data = await reportData(
    deps,
    actor,
    slug,
    { year: Number(m[1]), quarter: m[2], number: undefined, date: undefined },
    { archive: false },
  );
  const { reportPdf, reportTitle } = await import('./report.ts');
  return {
    title: reportTitle(data).abstract,
    fileName: `${data.fileBase}-ky-so.pdf`,
    pdf: await reportPdf(data, deps.config.publicUrl),
  };
}
