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
    usage: '--event <event.json> [--repo <dir>] [--branch <name>] [--now <ISO time>] [--json] [--event-name issues|issue_comment|pull_request]',
    load: () => import('./commands/intake.ts'),
  },
  decide: {
    summary: '经办人员在命令行做出审核决定 / an officer acts from the command line',
    usage: '<subject> <command…> --as <login> [--branch <name>] [--now <ISO time>] [--json]   e.g. decide XM-2026-013 /初核通过 --as xm-gxj-chenyh',
    load: () => import('./commands/decide.ts'),
  },
  audit: {
    summary: '审计审核台账 / re-walk the decision ledger and prove every status',
    usage: '[content dir] [--json] [--lang zh|en] [--no-git]',
    load: () => import('./commands/audit.ts'),
  },
  report: {
    summary: '批次审核进度报表 / counts per state for a round (Markdown, XLSX)',
    usage: '<round> [--content <dir>] [--xlsx <file>] [--now <ISO time>] [--lang zh|en] [--json]',
    load: () => import('./commands/report.ts'),
  },
  seal: {
    summary: '把受限字段加密给经办人员 / seal a record\'s restricted fields to the officers\' keys',
    usage: '<file> [--recipients-from content/officers.yml] [--kind demand|enterprise|application] [--in-place | --armor] [--now <ISO time>]',
    load: () => import('./commands/seal.ts'),
  },
  unseal: {
    summary: '用私钥解密受限字段 / open a record\'s sealed fields with your key',
    usage: '<file> --identity <key file> [--kind demand|enterprise|application] [--in-place]',
    load: () => import('./commands/unseal.ts'),
  },
  reseal: {
    summary: '更换公钥后重新密封 / seal everything again after officers\' keys change',
    usage: '[paths…] --identity <key file> [--recipients-from content/officers.yml] [--now <ISO time>] | --check',
    load: () => import('./commands/reseal.ts'),
  },
  compare: {
    summary: '遴选对比表（发榜企业代表、经办人员本机）/ the demand\'s applications side by side, on your own machine',
    usage: '<demand> --identity <key file> --out <folder outside the repository> [--content content]',
    load: () => import('./commands/compare.ts'),
  },
  keygen: {
    summary: '生成经办人员密钥 / make an officer\'s age key pair',
    usage: '--out <secret key file, outside the repository>',
    load: () => import('./commands/keygen.ts'),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
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
    process.stderr.write(`jiebang ${name}: 内部错误，请报告此问题 / internal error, please report it\n${(e as Error).stack ?? String(e)}\n`);
    return 3;
  }
}

process.exitCode = await main(process.argv.slice(2));
