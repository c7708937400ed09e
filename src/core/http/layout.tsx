/** Public and console page layouts: semantic HTML, works without JavaScript, prints cleanly. */
import type { ComponentChildren } from 'preact';
import type { Lang } from './i18n.ts';
import { translator } from './i18n.ts';
import { kernelMessages } from './messages.ts';

export interface PageMeta {
  lang: Lang;
  title: string;
  path: string;
}

function langHref(path: string, lang: Lang): string {
  const other = lang === 'vi' ? 'en' : 'vi';
  const [p, q = ''] = path.split('?');
  const params = new URLSearchParams(q);
  params.set('lang', other);
  return `${p}?${params.toString()}`;
}

/** Favicon and app icons (src/core/http/assets/icons/, drawn for the project). */
export function IconLinks() {
  return (
    <>
      <link rel="icon" href="/assets/icons/icon.svg" type="image/svg+xml" />
      <link rel="icon" href="/assets/icons/icon-32.png" sizes="32x32" type="image/png" />
      <link rel="apple-touch-icon" href="/assets/icons/icon-180.png" />
      <link rel="manifest" href="/assets/icons/manifest.webmanifest" />
      <meta name="theme-color" content="#0b5394" />
    </>
  );
}

function Head({ title }: { title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <link rel="stylesheet" href="/assets/app.css" />
      <IconLinks />
    </head>
  );
}

export interface SiteNavItem {
  href: string;
  label: string;
  current?: boolean;
}
/** An optional row of links under the header (a centre's public pages), labelled for screen readers. */
export interface SiteNav {
  label: string;
  items: SiteNavItem[];
}

export function PublicLayout(
  props: PageMeta & { centerName?: string; centerSlug?: string; siteNav?: SiteNav; children: ComponentChildren },
) {
  const t = translator(kernelMessages, props.lang);
  return (
    <html lang={props.lang}>
      <Head title={`${props.title} · ${props.centerName ?? t('product')}`} />
      <body class="public">
        <a class="skip" href="#main">
          {t('skip')}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href={props.centerSlug ? `/${props.centerSlug}` : '/'}>
              {props.centerName ?? t('product')}
            </a>
            <nav aria-label={t('language')}>
              <a
                class="lang-switch"
                href={langHref(props.path, props.lang)}
                hreflang={props.lang === 'vi' ? 'en' : 'vi'}
                lang={props.lang === 'vi' ? 'en' : 'vi'}
                data-testid="lang-switch"
              >
                {t('switchLang')}
              </a>
            </nav>
          </div>
          {props.siteNav ? (
            <nav class="site-nav" aria-label={props.siteNav.label}>
              <ul>
                {props.siteNav.items.map((n) => (
                  <li>
                    <a href={n.href} aria-current={n.current ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t('footer')}</p>
            <p>
              <a href="/console/login">{t('console')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export interface ConsoleNavItem {
  href: string;
  label: string;
  current?: boolean;
}

export function ConsoleLayout(
  props: PageMeta & {
    userName: string;
    csrf: string;
    nav: ConsoleNavItem[];
    centerName: string;
    children: ComponentChildren;
  },
) {
  const t = translator(kernelMessages, props.lang);
  return (
    <html lang={props.lang}>
      <Head title={`${props.title} · ${t('console')}`} />
      <body class="console">
        <a class="skip" href="#main">
          {t('skip')}
        </a>
        <header class="console-header">
          <div class="wrap">
            <a class="brand" href="/console">
              {props.centerName}
            </a>
            <div class="who">
              <span>{t('signedInAs', { name: props.userName })}</span>
              <form method="post" action="/console/language" class="inline">
                <input type="hidden" name="_csrf" value={props.csrf} />
                <input type="hidden" name="lang" value={props.lang === 'vi' ? 'en' : 'vi'} />
                <input type="hidden" name="next" value={props.path} />
                <button type="submit" class="link" lang={props.lang === 'vi' ? 'en' : 'vi'}>
                  {t('switchLang')}
                </button>
              </form>
              <form method="post" action="/console/logout" class="inline">
                <input type="hidden" name="_csrf" value={props.csrf} />
                <button type="submit" class="link">
                  {t('logout')}
                </button>
              </form>
            </div>
          </div>
          <nav class="console-nav wrap" aria-label={t('console')}>
            <ul>
              {props.nav.map((n) => (
                <li>
                  <a href={n.href} aria-current={n.current ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function ErrorPage(props: PageMeta & { status: number; message: string; requestId?: string }) {
  const t = translator(kernelMessages, props.lang);
  return (
    <PublicLayout {...props}>
      <h1>{props.status === 404 ? t('notFoundTitle') : t('errorTitle')}</h1>
      <p>{props.message}</p>
      {props.requestId ? <p class="muted">{t('reference', { id: props.requestId })}</p> : null}
      <p>
        <a href="/">{t('backHome')}</a>
      </p>
    </PublicLayout>
  );
}

/** A centre's phone numbers as tap-to-call links (public pages: lookup, opt-out, home-service request). */
export function PhoneList({ phones }: { phones: readonly { label: string; number: string }[] }) {
  return (
    <ul class="plain phones">
      {phones.map((ph) => (
        <li>
          {ph.label}:{' '}
          <a class="tel" href={`tel:${ph.number.replace(/[^\d+]/g, '')}`}>
            {ph.number}
          </a>
        </li>
      ))}
    </ul>
  );
}
