/** The signing room's contract for other features and the composition root. */
export {
  imagesFor,
  parseSignerKind,
  registerSignable,
  seedImage,
  signFinishedPdf,
  signedPdfById,
  signedStatusById,
  type SignableDocument,
  type SignedView,
} from './service.ts';
export { vnTime } from './pages.tsx';
export { seedSigningDemo } from './demo.ts';
export { consoleShell, langQuery, type ConsoleRequest } from './console.ts';
