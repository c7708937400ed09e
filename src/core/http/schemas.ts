/**
 * Small TypeBox schemas shared by route modules (the edges typed by the TypeBox type provider,
 * decision 041). A plain list of exported schema constants.
 */
import Type from 'typebox';

/** `:slug` of a centre in a JSON API path (an unknown one answers 404 from the handler). */
export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });

/**
 * The query string of a console or public page: any parameters, read by hand (a repeated one is an
 * array), so a stray or malformed parameter never turns a friendly page into a 400.
 */
export const PageQuery = Type.Record(Type.String(), Type.Unknown());

/**
 * The body of an HTML form post (urlencoded: repeated fields are arrays; multipart: files are
 * Buffers) or no body at all: read and validated by hand so errors re-render the form.
 */
export const FormBody = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

/** `:slug` of a centre in a page's path: any string, the handler answers an unknown one with its 404 page. */
export const PageSlugParams = Type.Object({ slug: Type.String() });
