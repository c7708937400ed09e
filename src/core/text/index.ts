/** core/text: the text rules every feature shares (Vietnamese normalisation and wording, e-mail addresses). */
export { nfc, stripDiacritics, fold, weekdayName, formatVnd } from './vietnamese.ts';
export { isEmail } from './email.ts';
