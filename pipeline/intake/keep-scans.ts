/**
 * Stamped scans that arrive with a submission, kept with it. The intake (bundled, without
 * sharp) only checks an issue's attachments and says what it found; this step, run after it
 * by the job that holds an officer's key, fetches each attachment again through the Forge,
 * processes it (paper/scan/check-scan.ts: by its bytes, upright, deskewed, without metadata)
 * and commits the processed file beside the record on the issue's submission branch, with
 * the record's attachment list updated (it is restricted, so opened and sealed again) — one
 * commit, compare-and-swap on the branch head, and nothing written for a file already listed.
 *
 * The scan is named for the revision of the record as the intake registered it: a form
 * printed before registration (the helper's) has none of its own, and the issue ties the two.
 */
import type { Forge } from '../forge/types.ts';
import { OFFICERS_PATH, SITE_PATH } from '../domain/layout.ts';
import { readAll, recordAt } from '../content/at-commit.ts';
import type { Officers, Site } from '../generated/types.ts';
import { attachmentLinks, MAX_LINKS } from '../paper/scan/issue-scans.ts';
import { checkScan, SCAN_LIMITS, type ScanOk } from '../paper/scan/check-scan.ts';
import { attachToRecord, scanFolder } from '../paper/scan/attach.ts';
import { revisionOf } from '../paper/revision.ts';
import { locate } from '../paper/record.ts';
import { sealAtRest } from '../privacy/visibility.ts';
import { recipientsFor } from '../seal/recipients.ts';
import { readSubjectMarker } from './comment.ts';
import { submissionBranch } from './issue-decision.ts';

export interface KeptScans {
  /** The record the intake registered from the issue, when it did. */
  subject?: string;
  /** The files committed (paths in the repository). */
  kept: string[];
  /** Attachments not kept, by their place in the issue (1-based), and why (a rule, not a value). */
  skipped: Array<{ index: number; reason: string }>;
  commit?: string;
}

/** Where a registered record lives, from its id (a demand, an application, a profile's credit code). */
function whereIs(id: string) {
  try {
    return locate('content', id);
  } catch {
    return undefined;
  }
}

/** Keep the issue's stamped scans with the record it registered; `identities` open the record's sealed list. */
export async function keepIssueScans(
  forge: Forge,
  o: { issue: number; body: string; identities: readonly string[]; now?: Date },
): Promise<KeptScans> {
  const links = attachmentLinks(o.body).slice(0, MAX_LINKS);
  if (!links.length || !forge.fetchAttachment) return { kept: [], skipped: [] };
  const subject = (await forge.listComments(o.issue))
    .filter((c) => c.isBot)
    .map((c) => readSubjectMarker(c.body))
    .find((s): s is string => !!s);
  const where = subject ? whereIs(subject) : undefined;
  if (!subject || !where) return { kept: [], skipped: links.map((_, i) => ({ index: i + 1, reason: 'no-record' })) };
  const { kind, repoPath: path } = where;

  // Fetched and processed once; written below, again if the branch moves meanwhile.
  const scans: ScanOk[] = [];
  const skipped: KeptScans['skipped'] = [];
  for (const [i, link] of links.entries()) {
    const fetched = await forge.fetchAttachment(link, SCAN_LIMITS.bytes);
    if (!fetched.ok) {
      skipped.push({ index: i + 1, reason: `fetch:${fetched.reason}` });
      continue;
    }
    const result = await checkScan(fetched.bytes);
    if (result.ok) scans.push(result);
    else skipped.push({ index: i + 1, reason: `scan:${result.rule}` });
  }

  const branch = submissionBranch(o.issue);
  for (let attempt = 0; attempt < 5; attempt++) {
    const head = await forge.head(branch);
    if (!head)
      return { subject, kept: [], skipped: [...skipped, ...scans.map(() => ({ index: 0, reason: 'no-branch' }))] };
    // The record, and the settings and registry as the branch holds them (the pipeline writes this branch, nobody else).
    const read = await readAll(forge, [path, SITE_PATH, OFFICERS_PATH], head);
    const dataAt = (p: string) => {
      const bytes = read.get(p);
      return bytes ? recordAt(p, bytes)?.data : undefined;
    };
    const bytes = read.get(path);
    let record = dataAt(path);
    if (!bytes || !record) return { subject, kept: [], skipped: [...skipped, { index: 0, reason: 'no-record' }] };
    const revision = revisionOf(bytes);
    const site = dataAt(SITE_PATH) as Site | undefined;
    const registry = dataAt(OFFICERS_PATH) as Officers | undefined;
    const now = o.now ?? new Date();
    const files: Array<{ path: string; content: Uint8Array | string }> = [];
    let text: string | undefined;
    for (const scan of scans) {
      const kept = await attachToRecord({
        kind,
        id: subject,
        record,
        scan,
        revision,
        sealAtRest: sealAtRest(site),
        identities: o.identities,
        recipients: async (r) => recipientsFor(registry, kind, r, now),
      });
      if (kept.already) continue;
      files.push({ path: `${scanFolder('content', kind, subject)}/${kept.file.name}`, content: kept.file.bytes });
      text = kept.text;
      record = recordAt(path, new TextEncoder().encode(text))!.data!;
    }
    if (!text) return { subject, kept: [], skipped };
    files.push({ path, content: text });
    const done = await forge.commit({
      branch,
      expectedHead: head,
      message: `附上盖章扫描件：${subject}（议题 #${o.issue}）`,
      files,
    });
    if (done.ok) return { subject, kept: files.slice(0, -1).map((f) => f.path), skipped, commit: done.sha };
  }
  throw new Error(`the submission branch ${branch} kept moving; run again`);
}
