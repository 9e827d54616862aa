// The `sealed-check` action: the sealed part of an issue, checked where the officers' key is (.github/workflows/intake.yml).
import { exitWhenIdle } from '../runner.ts';
import { run } from './main.ts';

await run();
exitWhenIdle();
