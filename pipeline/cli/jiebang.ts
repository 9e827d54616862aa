#!/usr/bin/env node
/**
 * jiebang — the command line of the 发榜/揭榜 pipeline. Each command lives in
 * commands/<name>.ts and exports `run(argv) → exit code`. User mistakes exit 2 with a
 * message; only a bug in jiebang itself prints a trace (and asks to report it).
 */
import { UsageError } from './args.ts';

interface Command {
  summary: string;
  /** Arguments and options, shown by `jiebang <command> --help`. */
  usage: string;
  load: () => Promise<{ run(argv: string[]): Promise<number> }>;
}

const COMMANDS: Record<string, Command> = {
  validate: {
    summary: '检查内容文件 / check content files against schemas and rules',
    usage: '[paths…] [--json] [--lang zh|en] [--identity <key file>]   (default path: content)',
    load: () => import('./commands/validate.ts'),
  },
  classify: {
    summary: '计算企业规模 / compute the SME size class',
    usage: '--industry <row or GB/T 4754 code> [--employees N] [--revenue 万元] [--assets 万元] [--json]',
    load: () => import('./commands/classify.ts'),
  },
  intake: {
    summary: '处理一个记录的平台事件 / handle one recorded forge event on a local repo',
    usage:
      '--event <event.json> [--repo <dir>] [--branch <name>] [--now <ISO time>] [--json] [--event-name issues|issue_comment|pull_request]',
    load: () => import('./commands/intake.ts'),
  },
  decide: {
    summary: '经办人员在命令行做出审核决定 / an officer acts from the command line',
    usage:
      '<subject> <command…> --as <login> [--branch <name>] [--now <ISO time>] [--json]   e.g. decide XM-2026-013 /初核通过 --as xm-gxj-chenyh',
    load: () => import('./commands/decide.ts'),
  },
  audit: {
    summary: '审计审核台账 / re-walk the decision ledger and prove every status',
    usage: '[content dir] [--json] [--lang zh|en] [--no-git]',
    load: () => import('./commands/audit.ts'),
  },
  report: {
    summary: "批次审核进度、未结与逾期事项、上报表 / a round's progress, open and overdue items, the forms sent upward",
    usage:
      '<round> [--content <dir>] [--xlsx <file>] [--now <ISO time> | --as-of <date>] [--lang zh|en] [--json]   |   <round> --export 推荐汇总表|揭榜推荐汇总表|入选揭榜企业名单 --as-of <date> [--out <file.xlsx|file.csv>]',
    load: () => import('./commands/report.ts'),
  },
  'import-catalogue': {
    summary: "导入全国需求目录 / import MIIT's published national catalogue (XLSX or CSV)",
    usage:
      '<file.xlsx|file.csv> [--notice <文号>] [--round <id>] [--content <dir>] [--now <ISO time>] [--dry-run] [--json]',
    load: () => import('./commands/import-catalogue.ts'),
  },
  seal: {
    summary: "把受限字段加密给经办人员 / seal a record's restricted fields to the officers' keys",
    usage:
      '<file> [--recipients-from content/officers.yml] [--kind demand|enterprise|application] [--in-place | --armor] [--now <ISO time>]',
    load: () => import('./commands/seal.ts'),
  },
  unseal: {
    summary: "用私钥解密受限字段 / open a record's sealed fields with your key",
    usage: '<file> --identity <key file> [--kind demand|enterprise|application] [--in-place]',
    load: () => import('./commands/unseal.ts'),
  },
  reseal: {
    summary: "更换公钥后重新密封 / seal everything again after officers' keys change",
    usage: '[paths…] --identity <key file> [--recipients-from content/officers.yml] [--now <ISO time>] | --check',
    load: () => import('./commands/reseal.ts'),
  },
  print: {
    summary: '打印/下载申请表（附件1–3，DOCX 或 PDF）/ print a record as its official form',
    usage: '<id> [--format docx|pdf] [--out <dir>] [--identity <key file>] [--content <dir>] [--now <ISO time>]',
    load: () => import('./commands/print.ts'),
  },
  'attach-scan': {
    summary: '上传盖章扫描件（检查、处理、存入记录）/ check a stamped scan and keep it with its record',
    usage:
      '<id> <file> --revision <hash on the form> [--identity <key file>] [--recipients-from content/officers.yml] [--content <dir>]',
    load: () => import('./commands/attach-scan.ts'),
  },
  'verify-scan': {
    summary: '核对扫描件的编号和版本 / check a scan and the revision it was printed from',
    usage: '<file> --id <id> --revision <hash> [--content <dir>] [--json]',
    load: () => import('./commands/verify-scan.ts'),
  },
  compare: {
    summary: "遴选对比表（发榜企业代表、经办人员本机）/ the demand's applications side by side, on your own machine",
    usage: '<demand> --identity <key file> --out <folder outside the repository> [--content content]',
    load: () => import('./commands/compare.ts'),
  },
  keygen: {
    summary: "生成经办人员密钥 / make an officer's age key pair",
    usage: '--out <secret key file, outside the repository>',
    load: () => import('./commands/keygen.ts'),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `用法 / usage: jiebang <command> [options]\n\n${lines.join('\n')}\n\n每个命令都接受 --help / every command takes --help.\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`未知命令 “${name}” / unknown command\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`用法 / usage: jiebang ${name} ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`jiebang ${name}: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(
      `jiebang ${name}: 内部错误，请报告此问题 / internal error, please report it\n${(e as Error).stack ?? String(e)}\n`,
    );
    return 3;
  }
}

process.exitCode = await main(process.argv.slice(2));
