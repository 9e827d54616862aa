/**
 * `jiebang classify --industry <row or GB/T 4754 code> --employees N --revenue N --assets N [--json]`
 * — the size class under the 2011-300 standard, computed from the figures.
 */
import { classify, findRow, indicatorsOf, INDICATORS, isReferralRowId } from '../../rules/sme-size.ts';
import { parse, UsageError } from '../args.ts';

const SIZE_ZH = { large: '大型企业', medium: '中型企业', small: '小型企业', micro: '微型企业' } as const;

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/,/g, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError(`--${name} 应为非负数字（收到 “${value}”） / --${name} must be a non-negative number`);
  return n;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      industry: { type: 'string' },
      employees: { type: 'string' },
      revenue: { type: 'string' },
      assets: { type: 'string' },
      json: { type: 'boolean' },
    },
    false,
  );
  if (!values.industry)
    throw new UsageError('缺少 --industry（划型标准行业名称或 GB/T 4754 行业代码） / --industry is required');
  const found = findRow(values.industry);
  if (!found.ok) throw new UsageError(`${found.message} / ${found.messageEn}`);
  const figures = {
    row: found.row,
    employees: number('employees', values.employees),
    revenue: number('revenue', values.revenue),
    assets: number('assets', values.assets),
  };
  const result = classify(figures);
  if (result.referral) {
    if (values.json)
      process.stdout.write(
        `${JSON.stringify({ size: null, sme: null, referral: true, standard: result.referral.standard, industry: result.referral.industry })}\n`,
      );
    else process.stdout.write(`行业：${result.referral.industry}。\n${result.referral.message}\n`);
    return 0;
  }
  if (!result.ok) {
    if (isReferralRowId(found.row)) throw new Error('unreachable');
    const needed = indicatorsOf(found.row)
      .map((i) => `--${i} (${INDICATORS[i].zh})`)
      .join(' ');
    throw new UsageError(`${result.issues.map((i) => i.message).join(' ')} 该行业需要：${needed}`);
  }
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ size: result.size, sme: result.sme, standard: result.standard, industry: result.industry })}\n`,
    );
  } else {
    process.stdout.write(
      `${SIZE_ZH[result.size]}（${result.size}）${result.sme ? '，属于中小企业，可以揭榜' : '，不属于中小企业，不能揭榜'}。\n行业：${result.industry}；标准：工信部联企业〔2011〕300号（${result.standard}）。\n`,
    );
  }
  return 0;
}
