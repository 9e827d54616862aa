/**
 * The layering rules `npm test` checks (`npm run lint:deps`, dependency-cruiser). Read with
 * swc: TypeScript 7 has no JavaScript compiler API for the tool to use. The .tsx admin app
 * is left out (swc reads it as plain TypeScript) and .astro pages are not read at all.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-file-cycles',
      comment: 'A module never imports itself back through others: a cycle hides which one is the lower layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pipeline-is-the-bottom',
      comment: 'pipeline/ is the core: the site, the benchmark and the tests use it, never the other way (a unit test may read test fixtures).',
      severity: 'error',
      from: { path: '^pipeline/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(site|bench|test)/' },
    },
    {
      name: 'decisions-never-import-the-actions-toolkit',
      comment: 'Decision logic is pure: only the action entry points (pipeline/actions/) may know the runner.',
      severity: 'error',
      from: { path: '^pipeline/', pathNot: '^pipeline/actions/' },
      to: { path: '@actions/' },
    },
    {
      name: 'code-never-imports-tests',
      comment: 'The pipeline and the site never import tests or test helpers; the benchmark may use the fixtures and the hostile corpus it measures.',
      severity: 'error',
      from: { path: '^(pipeline|site)/', pathNot: '\\.test\\.ts$' },
      to: { path: '(\\.test\\.ts$|^test/)' },
    },
    {
      name: 'bench-uses-test-inputs-only',
      comment: 'From test/, the benchmark takes inputs (fixtures, the hostile corpus), never a test or a helper.',
      severity: 'error',
      from: { path: '^bench/', pathNot: '\\.test\\.ts$' },
      to: { path: '(\\.test\\.ts$|^test/(?!fixtures/|security/corpus/))' },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: false,
    doNotFollow: { path: 'node_modules' },
    // bench/out/: the benchmark's archives and its builds' Vite caches (bundled dependencies, not our modules).
    exclude: { path: '(^|/)(generated|dist|node_modules)/|^bench/out/|\\.tsx$' },
  },
};
