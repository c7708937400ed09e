// Lint: typescript-eslint strictTypeChecked + stylisticTypeChecked on sources, tests and benchmarks,
// plus the import boundaries of docs/ARCHITECTURE.md.
//
// Violations that existed when these rules were switched on are recorded in
// eslint-suppressions.json (ESLint bulk suppressions): new code must pass every rule, and the
// recorded counts may only go down (`npx eslint . --prune-suppressions` after fixing some; `npm run
// check` passes while a recorded count is higher than needed, so parallel branches merge cleanly).
// Never add to that file by hand or with --suppress-all.
import tseslint from 'typescript-eslint';

// A feature may use another feature only through its public contract: `index.ts` (service
// functions and types for others) or `figures.ts` (the reports contract, src/core/figures.ts).
const contractOnly = '(?!index\\.ts$|figures\\.ts$)[^/]+(/.*)?$';
const boundaryMessage = 'Import another feature only through its index.ts.';
/** From src/features/<f>/<file> another feature is `../<g>/`; from src/features/<f>/<sub>/<file>, `../../<g>/`. */
const toOtherFeature = (ups) => ({
  regex: `^${'\\.\\./'.repeat(ups)}(?!\\.|core/|cli/)[a-z0-9-]+/${contractOnly}`,
  message: boundaryMessage,
});
const boundaryTop = [toOtherFeature(1)];
const boundaryNested = [toOtherFeature(2)];
const deskListeners = {
  regex: '^(\\.\\./)+(letters|notifications|surveys)(/|$)',
  message: 'The desk imports no module of letters, notifications or surveys: publish an event (hooks.ts).',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'dist/**',
      'test-output/**',
      'bench/results/**',
      'var/**',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after'] },
          ],
        },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Features import each other only through index.ts / figures.ts.
    files: ['src/features/*/*.ts', 'src/features/*/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: boundaryTop }] },
  },
  {
    files: ['src/features/*/*/**/*.ts', 'src/features/*/*/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: boundaryNested }] },
  },
  {
    // The desk publishes events and extension points; letters, notifications and surveys subscribe
    // (src/features/subscribers.ts, decision 042): the desk imports none of them, not even their index.ts.
    files: ['src/features/dossiers/*.ts', 'src/features/dossiers/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...boundaryTop, deskListeners] }] },
  },
  {
    files: ['src/features/dossiers/*/**/*.ts', 'src/features/dossiers/*/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...boundaryNested, deskListeners] }] },
  },
  {
    // The kernel never imports a feature (the one registration point is src/features/index.ts).
    files: ['src/core/**/*.ts', 'src/core/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/features/*/**'], message: 'src/core must not import a feature.' }] },
      ],
    },
  },
  {
    // Issue 16: no function over 80 lines (route registrations included; blank lines and comments not
    // counted). Tests, benchmarks and migrations (schema definitions: data) are exempt; a true data table
    // carries `// eslint-disable-next-line max-lines-per-function -- data table`.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'src/core/db/migrations/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      // Typed edges (decision 041): the TypeBox provider types req.params/body/query; a cast could
      // silently disagree with the route's schema.
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression > MemberExpression[object.name='req'][property.name=/^(body|params|query)$/]",
          message:
            'Type the route with its TypeBox schema (withTypeProvider) instead of casting req.body/params/query.',
        },
      ],
    },
  },
  {
    // Tests read untyped JSON from HTTP responses.
    files: ['test/**', 'bench/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['src/core/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
