/** The schemas of the attachment API (OpenAPI); the service checks every field itself. */
import Type from 'typebox';

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
const Obj = Type.Object({}, { additionalProperties: true });
const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });

export const attachSchema = {
  operationId: 'attachDossierFile',
  tags: ['dossiers'],
  summary:
    'Attach a scanned component or result (multipart/form-data: file, kind = component | result, componentIndex, name). PDF, JPEG or PNG by content, at most 5 MB; 201, or 200 when the same file is already there',
  consumes: ['multipart/form-data'],
  security: [{ bearer: [] }],
  params: CodeParams,
  // Documents the form; the service checks every field (and the file's bytes) itself.
  body: Type.Object(
    {
      file: Type.Unsafe<Buffer>({ description: 'The scanned file (binary): PDF, JPEG or PNG, at most 5 MB' }),
      kind: Type.String({ maxLength: 20, description: 'component | result' }),
      componentIndex: Type.Optional(
        Type.String({ maxLength: 4, description: 'Index of the component in the dossier (kind = component)' }),
      ),
      name: Type.Optional(Type.String({ maxLength: 300, description: 'File name; default: the component’s name' })),
    },
    { additionalProperties: true },
  ),
  response: {
    200: Obj,
    201: Obj,
    400: ErrorSchema,
    401: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
    409: ErrorSchema,
    413: ErrorSchema,
    415: ErrorSchema,
  },
};

export const listSchema = {
  operationId: 'listDossierAttachments',
  tags: ['dossiers'],
  summary:
    'The digitised components and results of a dossier, with its digitisation flags (Decision 766 indicators 4.1–4.3)',
  security: [{ bearer: [] }],
  params: CodeParams,
  response: { 200: Obj, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
};

export const reusableSchema = {
  operationId: 'listReusableAttachments',
  tags: ['dossiers'],
  summary: 'Documents already digitised for earlier dossiers of the same applicant (same centre, same citizen ID)',
  security: [{ bearer: [] }],
  params: CodeParams,
  response: {
    200: Type.Object({ items: Type.Array(Obj) }),
    401: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
  },
};

export const reuseSchema = {
  operationId: 'reuseDossierAttachment',
  tags: ['dossiers'],
  summary:
    'Use a document digitised for an earlier dossier of the same person as a component of this one (marks it reused)',
  security: [{ bearer: [] }],
  params: CodeParams,
  body: Type.Object({
    componentIndex: Type.Integer({ minimum: 0, maximum: 999 }),
    fromAttachmentId: Type.Integer({ minimum: 1 }),
  }),
  response: {
    200: Obj,
    201: Obj,
    400: ErrorSchema,
    401: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
    409: ErrorSchema,
  },
};

export const downloadSchema = {
  operationId: 'downloadDossierAttachment',
  tags: ['dossiers'],
  summary: 'Download one attached file (every download is recorded in the audit log)',
  security: [{ bearer: [] }],
  params: Type.Object({ code: Type.String({ maxLength: 40 }), id: Type.String({ pattern: '^[0-9]{1,12}$' }) }),
  response: { 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
};
