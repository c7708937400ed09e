// A node:test reporter for scripts/each-test-alone.mjs: one JSON line per finished test, with its
// full name (the names of its suites and its own, joined by spaces, as --test-name-pattern reads
// them), whether it is a test or a suite, and whether it passed.
export default async function* testNames(source) {
  const stack = [];
  for await (const event of source) {
    const { type, data } = event;
    if (type === 'test:start') {
      stack.length = data.nesting;
      stack.push(data.name);
    } else if (type === 'test:pass' || type === 'test:fail') {
      const full = [...stack.slice(0, data.nesting), data.name].join(' ');
      yield `${JSON.stringify({
        name: full,
        kind: data.details?.type ?? 'test',
        ok: type === 'test:pass',
        skipped: Boolean(data.skip),
        file: data.file ?? null,
      })}\n`;
    }
  }
}
