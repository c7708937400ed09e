// Stops with a clear message when the project runs on a Node.js major other than the pinned one.
// Plain JavaScript on purpose: it must run (and explain) on any Node, before TypeScript sources load.
export const REQUIRED_MAJOR = 24;

export function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major === REQUIRED_MAJOR) return;
  process.stderr.write(
    `\nMột Cửa Thân Thiện cần Node.js ${REQUIRED_MAJOR} (đang chạy ${process.version}).\n` +
      `This project needs Node.js ${REQUIRED_MAJOR} (running ${process.version}).\n` +
      `Run it through npm (npm start, npm test, npx motcua ...): npm install pins Node ${REQUIRED_MAJOR}\n` +
      `in node_modules/.bin/node, which npm scripts use. If that file is missing, run npm install again.\n\n`,
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) checkNode();
