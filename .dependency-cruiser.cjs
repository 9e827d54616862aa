/**
 * The layering rules `npm test` checks (`npm run lint:deps`, dependency-cruiser). Read with
 * swc: TypeScript 7 has no JavaScript compiler API for the tool to use. The tool's swc reads
 * no JSX and no .astro, so the .tsx admin app and the .astro pages are checked for the
 * site's one rule, the face, by site/face-imports.test.ts (swc with JSX on, the pages'
 * front matter and scripts).
 */

/**
 * pipeline/'s folders in layers, bottom first (ARCHITECTURE.md draws them). A folder may
 * import its own layer's folders and those below, never one above; folder cycles are
 * forbidden separately, so two folders of one layer never import each other both ways.
 */
const LAYERS = [
  ['generated', 'schema'], // the schemas, loaded, and what `npm run gen` writes from them
  ['domain', 'privacy', 'forge'], // ids, layout, state machines and groups, limits; visibility; the Forge port
  ['rules'], // one rule per module, pure
  ['validate'], // schema + rules on one record, friendly messages
  ['content', 'forms', 'events'], // records read and cross-checked; the issue-form library; typed events
  ['seal', 'review'], // sealing restricted values; the ledger, its judge and statuses
  ['paper', 'catalogue', 'content-check'], // print and scans; the national catalogue; a content folder checked
  ['intake'], // issue and pull-request intake
  ['handlers'], // the event router and the comment commands
  ['actions', 'cli', 'gen', 'security'], // entry points and tools
  ['face'], // what the site may use (re-exports only; nothing in pipeline/ imports it)
];
const folders = (layers) => `^pipeline/(${layers.flat().join('|')})/`;
const noUpwardImports = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-imports-from-${layer.join('-')}`,
  comment: `pipeline/{${layer.join(',')}} sits below ${LAYERS.slice(i + 1)
    .flat()
    .join(', ')}: it never imports them.`,
  severity: 'error',
  from: { path: folders([layer]), pathNot: '\\.test\\.ts$' },
  to: { path: folders(LAYERS.slice(i + 1)) },
}));

module.exports = {
  forbidden: [
    ...noUpwardImports,
    {
      name: 'no-folder-cycles',
      comment: 'Folders of pipeline/ form layers: two folders never import each other, even through others.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^pipeline/', pathNot: '\\.test\\.ts$' },
      to: { path: '^pipeline/', circular: true },
    },
    {
      name: 'no-file-cycles',
      comment: 'A module never imports itself back through others: a cycle hides which one is the lower layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pipeline-is-the-bottom',
      comment:
        'pipeline/ is the core: the site, the benchmark and the tests use it, never the other way (a unit test may read test fixtures).',
      severity: 'error',
      from: { path: '^pipeline/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(site|bench|test)/' },
    },
    {
      name: 'site-imports-only-the-face',
      comment:
        "The site (its tests too) reaches the pipeline through one door, pipeline/face/: core.ts (the vocabulary, pure and cheap), browser.ts (sealing, the issue forms, the print layout: for the browser bundles), node.ts (what the build reads from disk), local-backend.ts (the local servers' writes: sharp, the git forge). A move inside the pipeline changes the face, not the site. The benchmark is not held to it: it generates archives and measures pipeline internals (the validator, sealing, printing) directly, as the tests do.",
      severity: 'error',
      from: { path: '^site/' },
      to: { path: '^pipeline/', pathNot: '^pipeline/face/' },
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
      comment:
        'The pipeline and the site never import tests or test helpers; the benchmark may use the fixtures and the hostile corpus it measures.',
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
