// The `pr-check` action: a pull request's files checked in the read-only job (.github/workflows/pr-check.yml).
import { exitWhenIdle } from '../runner.ts';
import { run } from './main.ts';

await run();
exitWhenIdle();
