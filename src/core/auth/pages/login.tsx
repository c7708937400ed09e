import { PublicLayout } from '../../http/layout.tsx';
import { translator, type Lang } from '../../http/i18n.ts';
import { kernelMessages } from '../../http/messages.ts';

export interface LoginPageProps {
  lang: Lang;
  path: string;
  csrf: string;
  username?: string;
  error?: 'loginFailed' | 'rateLimited' | 'formExpired';
  next?: string;
  demoHint?: string | null;
}

export function LoginPage(p: LoginPageProps) {
  const t = translator(kernelMessages, p.lang);
  return (
    <PublicLayout lang={p.lang} title={t('loginTitle')} path={p.path}>
      <h1>{t('loginTitle')}</h1>
      <p class="muted">{t('loginHelp')}</p>
      {p.error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{t(p.error)}</h2>
        </div>
      ) : null}
      {p.demoHint ? <p class="notice">{p.demoHint}</p> : null}
      <form method="post" action="/console/login" class="stack">
        <input type="hidden" name="_csrf" value={p.csrf} />
        {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
        <label for="username">{t('username')}</label>
        <input
          id="username"
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          value={p.username ?? ''}
        />
        <label for="password">{t('password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">{t('login')}</button>
      </form>
    </PublicLayout>
  );
}
