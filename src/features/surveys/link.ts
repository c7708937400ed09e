/** The survey link the desk prints on form 01 (QR code) and shows on the lookup page (registered in src/features/index.ts). */
import type { CitizenLinkInput } from '../dossiers/index.ts';
import { translator } from '../../core/http/i18n.ts';
import { surveyMessages } from './messages.ts';
import { surveyUrl } from './model.ts';

export function surveyCitizenLink(i: CitizenLinkInput): { url: string; label: string } {
  return {
    url: surveyUrl(i.baseUrl, i.slug, i.code, i.secret, { channel: i.channel }),
    // Paper is Vietnamese.
    label: translator(surveyMessages, i.channel === 'qr' ? 'vi' : i.lang)('rateLink'),
  };
}
