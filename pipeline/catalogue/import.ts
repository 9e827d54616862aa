/**
 * Import MIIT's published national catalogue into content/catalogue/<id>.yml: every row
 * becomes a catalogued external demand (schemas/external.schema.json) with its provenance
 * (the notice's 文号, the file's sha256, the import time, the row). Planning reads and
 * checks everything first; only a plan without a single problem is written, so a bad file
 * changes nothing. A row that is this region's own demand (its 目录编号 is a local demand's
 * catalogueNo) stays the local record it is. Entries are never deleted: one a newer list
 * leaves out is marked withdrawn; ids are never reused.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatYaml } from '../content/format.ts';
import { parseContent } from '../content/parse.ts';
import { readSettings } from '../content/settings.ts';
import type { Demand, External, Round, Site } from '../generated/types.ts';
import { validateRecord } from '../validate/index.ts';
import { mapHeader, normalizeCell, normalizeCode, splitRegion, type Column, type HeaderMap } from './columns.ts';
import { CatalogueError, columnLetter, readTable } from './read-table.ts';
import { inArea } from '../rules/area.ts';
import { EXTERNAL_PREFIX } from '../domain/ids.ts';
import { byCodeUnits } from '../domain/order.ts';

/** The fields an import sets (and compares); everything else on an entry is kept as it is. */
export const IMPORTED_FIELDS = [
  'serial',
  'title',
  'issuerName',
  'anonymousIssuer',
  'region',
  'field',
  'demandType',
  'summary',
  'contact',
] as const;
type ImportedField = (typeof IMPORTED_FIELDS)[number];
export const FIELD_LABELS: Record<ImportedField, string> = {
  serial: '序号',
  title: '需求名称',
  issuerName: '发榜企业',
  anonymousIssuer: '企业名称不公开',
  region: '所在地区',
  field: '所属领域',
  demandType: '需求类型',
  summary: '需求简介',
  contact: '联系方式',
};

export interface Change {
  field: ImportedField;
  from: unknown;
  to: unknown;
}

export interface ImportPlan {
  round: string;
  file: string;
  sha256: string;
  format: 'xlsx' | 'csv';
  headerRow: number;
  added: External[];
  changed: Array<{ entry: External; changes: Change[] }>;
  withdrawn: External[];
  /** Withdrawn entries listed again. */
  restored: External[];
  /** Rows that are this region's own demands: left as the local records they are. */
  local: Array<{ catalogueNo: string; demandId: string; row: number }>;
  unchanged: number;
  /** For the officer: rows in this bureau's area that match no local demand. */
  warnings: string[];
  /** Every file the plan writes, with its text. */
  writes: Array<{ path: string; text: string }>;
}

interface Row {
  row: number;
  catalogueNo: string;
  fields: Partial<Pick<External, ImportedField>>;
}

const NOT_PUBLISHED = /^(?:企业名称)?(?:不公开|未公开|保密|暂不公开)$|^[-—/／无]+$/;
const CELL = (h: HeaderMap, col: Column, row: number) => {
  const c = h.columns[col]!;
  return `第 ${row} 行“${c.header}”列（${columnLetter(c.index)}${row}）`;
};

/** The rows of the table as entry fields, each problem naming its row and column; refused if any. */
export function rowsOf(rows: readonly string[][], header: HeaderMap, name: string): Row[] {
  const out: Row[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const get = (cells: readonly string[], col: Column) => {
    const c = header.columns[col];
    return c ? normalizeCell(cells[c.index] ?? '') : '';
  };
  for (let r = header.row; r < rows.length; r++) {
    const cells = rows[r]!;
    const rowNo = r + 1;
    const filled = cells.map(normalizeCell).filter(Boolean);
    if (filled.length === 0) continue;
    for (const [col, c] of Object.entries(header.columns) as Array<[Column, { index: number }]>) {
      if (normalizeCell(cells[c.index] ?? '').startsWith('='))
        problems.push(`${CELL(header, col, rowNo)}以“=”开头，像是公式。本系统不计算公式，请填写数值或文字。`);
    }
    const catalogueNo = normalizeCode(get(cells, 'catalogueNo'));
    const title = get(cells, 'title');
    if (!catalogueNo && !title && filled.length <= 1) continue; // a note or a subtotal under the table
    if (!catalogueNo) {
      problems.push(`${CELL(header, 'catalogueNo', rowNo)}为空：每条需求都要有编号。`);
      continue;
    }
    if (!title) {
      problems.push(`${CELL(header, 'title', rowNo)}为空：每条需求都要有名称。`);
      continue;
    }
    const earlier = seen.get(catalogueNo);
    if (earlier) {
      problems.push(
        `${CELL(header, 'catalogueNo', rowNo)}的编号“${catalogueNo}”与第 ${earlier} 行重复：同一编号只能出现一次。`,
      );
      continue;
    }
    seen.set(catalogueNo, rowNo);
    const fields: Row['fields'] = { title };
    const serial = normalizeCode(get(cells, 'serial'));
    if (serial) {
      if (/^\d{1,6}$/.test(serial) && Number(serial) > 0) fields.serial = Number(serial);
      else problems.push(`${CELL(header, 'serial', rowNo)}“${serial}”不是正整数。`);
    }
    const issuer = get(cells, 'issuerName');
    if (issuer && !NOT_PUBLISHED.test(issuer)) fields.issuerName = issuer;
    else fields.anonymousIssuer = true;
    const region = header.columns.region ? splitRegion(get(cells, 'region')) : undefined;
    const province = get(cells, 'province');
    const city = get(cells, 'city');
    const merged = region ?? (province ? splitRegion(city ? `${province}/${city}` : province) : undefined);
    if (!merged)
      problems.push(
        `${CELL(header, header.columns.region ? 'region' : 'province', rowNo)}为空：每条需求都要写明所在省份。`,
      );
    else fields.region = merged;
    for (const col of ['field', 'demandType', 'summary'] as const) {
      const v = get(cells, col);
      if (v) fields[col] = v;
    }
    const contact = get(cells, 'contact');
    if (contact && !NOT_PUBLISHED.test(contact)) fields.contact = contact;
    out.push({ row: rowNo, catalogueNo, fields });
  }
  if (!out.length && !problems.length) problems.push(`表头（第 ${header.row} 行）下面没有任何需求。`);
  if (problems.length) throw rowProblems(name, problems);
  return out;
}

function rowProblems(name: string, problems: string[]): CatalogueError {
  const shown = problems.slice(0, 20);
  const more = problems.length > shown.length ? `\n  …另有 ${problems.length - shown.length} 处` : '';
  return new CatalogueError(
    `目录文件 ${name} 有 ${problems.length} 处问题，未导入任何内容：\n  ${shown.join('\n  ')}${more}`,
    `${name} has ${problems.length} problem(s); nothing was imported.`,
  );
}

async function readYamlFiles(dir: string): Promise<Array<{ path: string; data: Record<string, unknown> }>> {
  if (!existsSync(dir)) return [];
  const out: Array<{ path: string; data: Record<string, unknown> }> = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !/\.ya?ml$/.test(e.name)) continue;
    const path = join(e.parentPath, e.name);
    const parsed = parseContent(await readFile(path), path);
    if (parsed.ok && parsed.data && typeof parsed.data === 'object')
      out.push({ path, data: parsed.data as Record<string, unknown> });
  }
  return out;
}

/** The round entries go into: the one asked for, or this site's newest round. */
async function chooseRound(contentDir: string, asked: string | undefined, site: Site | undefined): Promise<Round> {
  const rounds = (await readYamlFiles(join(contentDir, 'rounds'))).map((r) => r.data as unknown as Round);
  if (asked) {
    const round = rounds.find((r) => r.id === asked);
    if (!round)
      throw new CatalogueError(
        `年度批次“${asked}”不存在（content/rounds/ 中有：${
          rounds
            .map((r) => r.id)
            .sort()
            .join('、') || '无'
        }）。`,
        `Round ${asked} does not exist.`,
      );
    return round;
  }
  const mine = rounds
    .filter((r) => !site?.idPrefix || r.id.startsWith(`${site.idPrefix}-`))
    .sort((a, b) => b.year - a.year || byCodeUnits(b.id, a.id));
  if (!mine[0])
    throw new CatalogueError(
      'content/rounds/ 中没有年度批次，请先建立批次或用 --round 指定。',
      'No round to import into; give --round.',
    );
  return mine[0];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sorted = (v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => byCodeUnits(x, y)))
    : v;

export interface PlanOptions {
  contentDir: string;
  name: string;
  bytes: Uint8Array;
  round?: string;
  notice?: string;
  now: Date;
}

export async function planImport(o: PlanOptions): Promise<ImportPlan> {
  const table = await readTable(o.bytes, o.name);
  const header = mapHeader(table.rows, o.name);
  const rows = rowsOf(table.rows, header, o.name);
  const sha256 = createHash('sha256').update(o.bytes).digest('hex');
  const site = await readSettings(o.contentDir);
  const round = await chooseRound(o.contentDir, o.round, site);
  const dir = join(o.contentDir, 'catalogue');
  const existing = new Map<string, { path: string; entry: External }>();
  let highest = 0;
  for (const f of await readYamlFiles(join(o.contentDir, 'catalogue'))) {
    const entry = f.data as unknown as External;
    const n = /^QG-\d{4}-(\d{3})$/.exec(String(entry.id))?.[1];
    if (n && String(entry.id).startsWith(`${EXTERNAL_PREFIX}-${round.year}-`)) highest = Math.max(highest, Number(n));
    if (entry.round === round.id) existing.set(String(entry.catalogueNo), { path: f.path, entry });
  }
  const localByNo = new Map<string, string>();
  for (const f of await readYamlFiles(join(o.contentDir, 'demands'))) {
    const d = f.data as unknown as Demand;
    if (d.catalogueNo) localByNo.set(d.catalogueNo, d.id);
  }
  const source = (row: number): External['source'] => ({
    ...(o.notice ? { notice: o.notice } : {}),
    file: o.name,
    sha256,
    importedAt: o.now.toISOString(),
    row,
  });
  const plan: ImportPlan = {
    round: round.id,
    file: o.name,
    sha256,
    format: table.format,
    headerRow: header.row,
    added: [],
    changed: [],
    withdrawn: [],
    restored: [],
    local: [],
    unchanged: 0,
    warnings: [],
    writes: [],
  };
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const row of rows) {
    const local = localByNo.get(row.catalogueNo);
    if (local) {
      plan.local.push({ catalogueNo: row.catalogueNo, demandId: local, row: row.row });
      continue;
    }
    listed.add(row.catalogueNo);
    if (site?.area && row.fields.region && inArea(site.area, row.fields.region)) {
      plan.warnings.push(
        `第 ${row.row} 行“${row.catalogueNo}”位于本地区（${row.fields.region.province}${row.fields.region.city ?? ''}），但没有哪条本地需求的目录编号是它：已作为外地条目导入，请核对本地需求的目录编号。`,
      );
    }
    const before = existing.get(row.catalogueNo);
    if (!before) {
      highest++;
      if (highest > 999)
        throw new CatalogueError(
          `批次 ${round.id} 的全国目录条目编号已用完（QG-${round.year}-999）。`,
          'No external ids left in this round.',
        );
      const entry = {
        id: `${EXTERNAL_PREFIX}-${round.year}-${String(highest).padStart(3, '0')}`,
        round: round.id,
        catalogueNo: row.catalogueNo,
        ...row.fields,
        source: source(row.row),
      } as External;
      plan.added.push(entry);
      continue;
    }
    const changes: Change[] = [];
    for (const field of IMPORTED_FIELDS) {
      if (!same(sorted(before.entry[field]), sorted(row.fields[field])))
        changes.push({ field, from: before.entry[field], to: row.fields[field] });
    }
    const wasWithdrawn = !!before.entry.withdrawn;
    if (!changes.length && !wasWithdrawn) {
      plan.unchanged++;
      continue;
    }
    const kept = Object.fromEntries(
      Object.entries(before.entry).filter(
        ([k]) => !(IMPORTED_FIELDS as readonly string[]).includes(k) && k !== 'withdrawn' && k !== 'source',
      ),
    );
    const entry = { ...kept, ...row.fields, source: source(row.row) } as External;
    if (wasWithdrawn) plan.restored.push(entry);
    if (changes.length) plan.changed.push({ entry, changes });
  }
  for (const [no, { entry }] of existing) {
    if (listed.has(no) || entry.withdrawn || localByNo.has(no)) continue;
    plan.withdrawn.push({ ...entry, withdrawn: { at: o.now.toISOString(), sha256 } });
  }
  const toWrite = new Map<string, External>();
  for (const e of [...plan.added, ...plan.changed.map((c) => c.entry), ...plan.restored, ...plan.withdrawn])
    toWrite.set(e.id, e);
  const rowOf = new Map(rows.map((r) => [r.catalogueNo, r.row]));
  for (const entry of toWrite.values()) {
    for (const i of validateRecord('external', entry)) {
      const field = i.path.split('/')[1] as Column | undefined;
      const col = field === 'region' ? (header.columns.region ? 'region' : 'province') : field;
      const where =
        col && header.columns[col]
          ? CELL(header, col, rowOf.get(entry.catalogueNo) ?? 0)
          : `第 ${rowOf.get(entry.catalogueNo) ?? '?'} 行`;
      problems.push(`${where}：${i.message}`);
    }
    const path = existing.get(entry.catalogueNo)?.path ?? join(dir, `${entry.id}.yml`);
    plan.writes.push({ path, text: formatYaml('external', entry) });
  }
  if (problems.length) throw rowProblems(o.name, problems);
  return plan;
}

/** Write a plan: each file to a temporary name beside it, then renamed over, so no reader sees half a file. */
export async function writePlan(plan: ImportPlan): Promise<void> {
  for (const w of plan.writes) {
    await mkdir(join(w.path, '..'), { recursive: true });
    const tmp = `${w.path}.${process.pid}.tmp`;
    await writeFile(tmp, w.text);
    await rename(tmp, w.path);
  }
}
