// The `intake` action: issues and comments, in the trusted workflow (.github/workflows/intake.yml).
import { exitWhenIdle } from '../runner.ts';
import { run } from './main.ts';

await run();
exitWhenIdle();
