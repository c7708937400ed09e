/** On a dossier's page: the courtesy letters it prepared, linked to the print queue. */
import type { Lang } from '../../core/http/i18n.ts';

const KIND: Record<string, { vi: string; en: string }> = {
  'congratulation-marriage': { vi: 'Thư chúc mừng (kết hôn)', en: 'Congratulation letter (marriage)' },
  'congratulation-birth': { vi: 'Thư chúc mừng (khai sinh)', en: 'Congratulation letter (birth)' },
  condolence: { vi: 'Thư chia buồn', en: 'Condolence letter' },
};
const STATUS: Record<string, { vi: string; en: string }> = {
  prepared: { vi: 'chờ in', en: 'to print' },
  printed: { vi: 'đã in, chờ trao', en: 'printed, to hand over' },
  handed_over: { vi: 'đã trao', en: 'handed over' },
  declined: { vi: 'gia đình từ chối', en: 'declined by the family' },
};

export function DossierLetters(p: { lang: Lang; letters: { id: number; kind: string; status: string }[] }) {
  if (!p.letters.length) return null;
  const q = p.lang === 'en' ? '?lang=en' : '';
  return (
    <section aria-labelledby="letters-title" data-testid="dossier-letters">
      <h2 id="letters-title">{p.lang === 'en' ? 'Courtesy letters' : 'Thư chúc mừng, chia buồn'}</h2>
      <ul>
        {p.letters.map((l) => (
          <li>
            <a href={`/console/letters/${l.id}${q}`}>{(KIND[l.kind] ?? { vi: l.kind, en: l.kind })[p.lang]}</a> —{' '}
            {(STATUS[l.status] ?? { vi: l.status, en: l.status })[p.lang]}
          </li>
        ))}
      </ul>
    </section>
  );
}
