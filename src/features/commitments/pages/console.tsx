/** Console: edit the centre's commitments ("4 xin, 4 luôn, 5 không"), "4 tại chỗ" and rules. */
import { ConsoleLayout, type ConsoleNavItem } from '../../../core/http/layout.tsx';
import { defineMessages, translator, type Lang } from '../../../core/http/i18n.ts';
import type { CenterTexts } from '../model.ts';

export const commitmentsMessages = defineMessages(
  {
    title: 'Cam kết phục vụ và nội quy',
    intro: 'Nội dung treo tại Trung tâm và đăng trên trang của Trung tâm (Kế hoạch, mục III.4). Mỗi dòng một ý.',
    motto: 'Phương châm',
    fourPlease: '“4 xin”',
    fourAlways: '“4 luôn”',
    fiveNo: '“5 không”',
    fourOnSpot: 'Mô hình “4 tại chỗ”',
    rules: 'Nội quy làm việc',
    save: 'Lưu',
    saved: 'Đã lưu.',
    errors: 'Chưa lưu được vì:',
  },
  {
    title: 'Service commitments and rules',
    intro: 'What hangs in the centre and is published on its site (plan III.4). One item per line.',
    motto: 'Motto',
    fourPlease: '“4 please”',
    fourAlways: '“4 always”',
    fiveNo: '“5 no’s”',
    fourOnSpot: '“4 on the spot” model',
    rules: 'Working rules',
    save: 'Save',
    saved: 'Saved.',
    errors: 'Not saved because:',
  },
);

export function CommitmentsConsolePage(p: {
  lang: Lang;
  path: string;
  csrf: string;
  userName: string;
  centerName: string;
  nav: ConsoleNavItem[];
  texts: CenterTexts;
  saved: boolean;
  errors: string[];
}) {
  const t = translator(commitmentsMessages, p.lang);
  const area = (k: Exclude<keyof CenterTexts, 'motto'>) => (
    <>
      <label for={k}>{t(k)}</label>
      <textarea id={k} name={k} rows={Math.max(4, p.texts[k].length + 1)}>
        {p.texts[k].join('\n')}
      </textarea>
    </>
  );
  return (
    <ConsoleLayout {...p} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {p.saved ? (
        <p class="status" role="status">
          {t('saved')}
        </p>
      ) : null}
      {p.errors.length ? (
        <div class="error-summary" role="alert">
          <h2>{t('errors')}</h2>
          <ul>
            {p.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/console/commitments" class="stack wide">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <label for="motto">{t('motto')}</label>
        <input id="motto" name="motto" type="text" value={p.texts.motto} />
        {area('fourPlease')}
        {area('fourAlways')}
        {area('fiveNo')}
        {area('fourOnSpot')}
        {area('rules')}
        <button type="submit">{t('save')}</button>
      </form>
    </ConsoleLayout>
  );
}
