// The `keep-scans` step of .github/workflows/intake.yml: `node pipeline/actions/keep-scans/index.ts`.
import { run } from './main.ts';

await run();
