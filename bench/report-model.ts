/**
 * What `npm run bench` measures, as one report: run.ts fills it, report.ts prints it (the
 * types live here so neither imports the other).
 */
import type { Manifest } from './generate.ts';
import type { BuildResult } from './measure/build.ts';
import type { IntakeTiming } from './measure/intake.ts';
import type { IntakeLatency } from './measure/intake-latency.ts';
import type { EditorTiming } from './measure/editor.ts';
import type { PaperTiming } from './measure/paper.ts';
import type { ProfileSummary } from './measure/profile.ts';
import type { MachineSpeed } from './measure/speed.ts';
import type { BulkValidation } from './measure/validate-bulk.ts';
import type { Weights } from './measure/weights.ts';
import type { SealedRow } from './measure/sealed-size.ts';
import type { Redeploy } from './measure/redeploy.ts';
import type { NationalRedeploy } from './measure/national-redeploy.ts';
import type { PhoneSearch } from './measure/phone-search.ts';

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  memory: number;
  heapLimit: number;
  loadAtStart: number[];
  loadAtEnd?: number[];
  speed?: MachineSpeed;
}

export interface ArchiveInfo {
  n: number;
  generatedNow: boolean;
  generateSeconds: number;
  generateCpuSeconds?: number;
  files: Manifest['files'];
  bytes: number;
  content: string;
}

export interface CliRun {
  ms: number;
  cpuMs: number;
  peakRss: number;
  code: number;
}

export interface BuildRun extends BuildResult {
  n: number;
  profile?: ProfileSummary;
}

export interface Report {
  date: string;
  machine: Machine;
  seed: string;
  now: string;
  archives: ArchiveInfo[];
  builds: BuildRun[];
  marginal?: { from: number; to: number; wallMsPerPage: number; phasesMsPerPage: Record<string, number> };
  validation?: { n: number; bulk: BulkValidation & { peakRss: number }; cli: CliRun; audit: CliRun };
  intake?: IntakeTiming;
  /** The intake against a forge with a round trip per REST call (150 ms, 30 ms). */
  intakeLatency?: IntakeLatency[];
  paper?: PaperTiming;
  editor?: EditorTiming;
  weights?: { n: number } & Weights;
  /** Sealed application sizes against the forge's body limit. */
  sealed?: SealedRow[];
  /** A city's redeploy: the sample content, cold and warm. */
  redeploy?: Redeploy;
  /** A national redeploy: the archive in a git work tree, cold, then warm with and without the parsed records kept. */
  nationalRedeploy?: NationalRedeploy;
  /** Search on a phone (CPU and network slowed) over the 10,000 build. */
  phoneSearch?: PhoneSearch;
}
