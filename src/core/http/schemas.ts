/**
 * Small TypeBox schemas shared by route modules (typed edges, decision 041). Page routes and HTML
 * form posts use the permissive ones, so a strange value still reaches the handler's own checks and
 * the user meets the friendly page (re-rendered form, 404) rather than a schema's 400.
 */
import Type from 'typebox';

/** `/:slug/…` — a centre's path name as typed; `centerBySlug`/`authorizeCenter` answer 404 for a bad one. */
export const SlugParams = Type.Object({ slug: Type.String() });

/** `/…/:id` as text: the handler's `idOr404` turns a malformed id into 404 like any missing record. */
export const IdText = Type.Object({ id: Type.String() });

/** `/:slug/…/:id` as text (see `IdText`). */
export const SlugIdText = Type.Object({ slug: Type.String(), id: Type.String() });

/** A page's query string read field by field by the handler (a repeated key arrives as an array). */
export const AnyQuery = Type.Record(Type.String(), Type.Unknown());

/**
 * An HTML form post (urlencoded or multipart): fields read one by one by the handler with its
 * `str()`-style readers (a repeated field arrives as an array). No body at all is accepted as null.
 */
export const FormBody = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

/** The error envelope of the JSON API (`{ error: { code, message, … } }`), for response schemas. */
export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
