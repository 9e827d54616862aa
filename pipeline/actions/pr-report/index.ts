// The `pr-report` action: the trusted answer to a checked pull request (.github/workflows/pr-report.yml).
import { exitWhenIdle } from '../runner.ts';
import { run } from './main.ts';

await run();
exitWhenIdle();
