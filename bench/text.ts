/**
 * Chinese prose for the synthetic archive, assembled from sentence templates whose slots
 * are filled from a context (the demand's object, technologies, indicators …) and random
 * numbers. Templates are parsed once into parts; filling them is string concatenation,
 * because the archive holds about a gigabyte of it at 10,000 demands.
 *
 * Slots: `{name}` takes the context value (a list gives a random item), `{n:a-b}` an
 * integer in [a, b].
 */
import type { Random } from './random.ts';

type Part = string | { slot: string } | { min: number; max: number };
type Template = Part[];

function compile(text: string): Template {
  const parts: Part[] = [];
  const re = /\{(\w+)(?::(\d+)-(\d+))?\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(m[2] !== undefined ? { min: Number(m[2]), max: Number(m[3]) } : { slot: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

const compileAll = (texts: readonly string[]) => texts.map(compile);

export type Context = Record<string, string | readonly string[]>;

export class Prose {
  private readonly rng: Random;
  private readonly ctx: Context;

  constructor(rng: Random, ctx: Context) {
    this.rng = rng;
    this.ctx = ctx;
  }

  fill(t: Template): string {
    let s = '';
    for (const p of t) {
      if (typeof p === 'string') s += p;
      else if ('slot' in p) {
        const v = this.ctx[p.slot];
        if (v === undefined) throw new Error(`template slot {${p.slot}} has no value`);
        s += typeof v === 'string' ? v : this.rng.pick(v);
      } else s += String(this.rng.int(p.min, p.max));
    }
    return s;
  }

  private readonly decks = new Map<readonly Template[], Template[]>();
  private readonly rests = new Map<readonly Template[], readonly Template[]>();

  /** The next sentence template of `pool`, dealt like cards so sentences repeat only after the pool is used up. */
  private draw(pool: readonly Template[]): Template {
    let deck = this.decks.get(pool);
    if (!deck || deck.length === 0) {
      deck = this.rng.sample(pool, pool.length);
      this.decks.set(pool, deck);
    }
    return deck.pop()!;
  }

  /** Sentences from `pool` until the paragraph reaches `length` characters. */
  paragraph(pool: readonly Template[], length: number): string {
    let s = '';
    while (s.length < length) s += this.fill(this.draw(pool));
    return s;
  }

  /**
   * Paragraphs (150–400 characters) separated by blank lines, `length` characters in all,
   * give or take a sentence. The pool's first template opens the text.
   */
  paragraphs(pool: readonly Template[], length: number): string {
    let rest = this.rests.get(pool);
    if (!rest) this.rests.set(pool, (rest = pool.slice(1)));
    const out: string[] = [];
    let total = 0;
    while (total < length) {
      const opener = out.length === 0 ? this.fill(pool[0]!) : '';
      const p = opener + this.paragraph(rest, Math.min(this.rng.int(150, 400), length - total) - opener.length);
      out.push(p);
      total += p.length + 2;
    }
    return out.join('\n\n');
  }

  /** A numbered Markdown list of `count` distinct items. */
  numbered(pool: readonly Template[], count: number): string {
    return this.rng
      .sample(pool, count)
      .map((t, i) => `${i + 1}. ${this.fill(t)}`)
      .join('\n');
  }

  bullets(pool: readonly Template[], count: number): string {
    return this.rng
      .sample(pool, count)
      .map((t) => `- ${this.fill(t)}`)
      .join('\n');
  }
}

/** Cut text to at most `max` characters at a sentence end (。；), or hard if there is none. */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'));
  return end > max * 0.6 ? cut.slice(0, end + 1) : cut;
}

// ---- demand ---------------------------------------------------------------------------------

export const BACKGROUND = compileAll([
  '{issuer}是{city}{fieldLabel}领域的骨干企业，主要从事{obj}及相关产品的研发、生产和销售。',
  '近年来，随着{scene}等下游应用快速增长，公司对{obj}的年需求量已超过{n:2-80}万套，并以每年{n:10-40}%左右的速度增长。',
  '目前该类产品主要依赖进口，采购周期长达{n:3-12}个月，价格偏高且供货存在不确定性，已成为制约公司产能提升的瓶颈。',
  '公司现有技术路线以{tech}为主，在{ind}等关键指标上与国际先进水平仍有一定差距。',
  '为提升产业链供应链自主可控水平，公司拟通过“揭榜”方式，联合在{tech}方面具有技术积累的中小企业开展联合攻关。',
  '公司已建成省级企业技术中心和{scene}应用验证平台，可为揭榜方提供测试条件、应用场景和数据支持。',
  '{year}年以来，公司先后组织{n:2-6}轮技术论证，明确了{obj}国产化的技术路径和阶段目标。',
  '该需求的解决将带动本地{n:5-30}家配套企业转型升级，形成可复制推广的示范效应。',
  '现有进口产品在{scene}工况下的适应性不足，维护成本高，售后响应慢。',
]);

export const KEY_PROBLEMS = compileAll([
  '{tech}技术尚不成熟，{ind}难以稳定达到目标要求；',
  '在{scene}的复杂工况下，{obj}的{ind}波动较大，批次一致性和长期可靠性不足；',
  '关键原材料和核心部件依赖进口，国产替代件在{ind}方面尚未经过充分验证；',
  '缺少适用于{scene}的{tech}方法，批量生产良率偏低、成本偏高；',
  '与现有{tech}系统的接口和通信协议不统一，集成调试周期长；',
  '缺乏完善的测试评价方法和标准，难以对{ind}进行快速准确的检测；',
  '{obj}在长期运行中的失效机理尚不清楚，缺少寿命预测模型；',
]);

export const OUTCOMES = compileAll([
  '完成{obj}的设计开发，研制样机不少于{n:2-10}台（套），各项技术指标达到需求要求。',
  '在公司{scene}现场完成不少于{n:3-12}个月的应用验证，形成批量供货能力。',
  '形成具有自主知识产权的{tech}技术方案，申请发明专利不少于{n:1-5}项。',
  '参与制定行业或团体标准{n:1-2}项，形成完整的设计文件、工艺文件和检测报告。',
  '实现{obj}的国产化替代，采购成本降低{n:10-40}%以上，供货周期缩短至{n:2-8}周以内。',
]);

export const SOLVER_REQUIREMENTS = compileAll([
  '具有{tech}相关研发经验，近三年承担过同类项目不少于{n:1-5}项；',
  '拥有专职研发团队不少于{n:5-30}人，其中具有高级职称的人员不少于{n:2-8}人；',
  '具备{obj}小批量试制和检测能力，质量管理体系健全；',
  '优先考虑专精特新中小企业和高新技术企业；',
  '能够派驻技术人员在{city}开展现场联合调试；',
]);

// ---- application ----------------------------------------------------------------------------

export const BASICS = compileAll([
  '{applicant}成立于{established}年，位于{city}，是一家专注于{tech}领域的科技型中小企业。',
  '公司现有员工{n:20-600}人，其中研发人员{n:10-150}人，本科及以上学历人员占比{n:50-90}%。',
  '公司主要产品包括{product}等，广泛应用于{scene}等领域，客户覆盖全国{n:10-30}个省份。',
  '近三年公司营业收入年均增长{n:10-45}%，经营状况良好，资产负债率保持在{n:20-55}%以下。',
  '公司通过了ISO 9001质量管理体系认证，建立了覆盖研发、采购、生产和服务的质量控制流程。',
  '公司已为{scene}行业的{n:20-300}家客户提供产品和服务，积累了丰富的现场应用经验。',
  '与本需求相关的{product}业务是公司的核心业务之一，近年来收入占比逐年提高。',
  '公司注重人才培养，与本地高校共建实习基地，每年引进应届毕业生{n:5-40}人。',
  '公司生产基地占地{n:5-120}亩，建有标准化厂房和洁净车间，具备小批量试制和规模化生产能力。',
  '公司秉持“专注、创新、可靠”的经营理念，产品质量稳定，客户满意度持续提升。',
]);

export const CAPABILITY = compileAll([
  '技术负责人从事{tech}研究{n:8-25}年，主持完成省部级科研项目{n:2-8}项。',
  '核心团队{n:5-20}人，硕士及以上学历占比{n:40-80}%，多人具有大型企业研发工作经历。',
  '近三年研发投入累计{n:300-5000}万元，占营业收入比例保持在{n:6-20}%以上。',
  '公司建有{tech}实验室，配备专业测试和试制设备{n:20-200}台（套）。',
  '累计获得授权发明专利{n:3-40}项、实用新型专利{n:10-80}项、软件著作权{n:2-30}项。',
  '曾为{scene}客户开发{product}，关键指标{ind}达到国内领先水平，已实现批量供货。',
  '公司与高校和科研院所共建联合实验室，在{tech}方向开展长期合作研究。',
  '公司参与起草行业标准{n:1-5}项，牵头制定团体标准{n:1-3}项。',
  '公司研发中心下设{tech}、结构设计、测试验证三个专业组，形成了完整的研发体系。',
  '近五年公司主持或参与国家级、省级科技项目{n:2-9}项，均按期通过验收。',
  '公司建立了研发项目管理制度，研发过程按阶段评审，关键节点由技术委员会把关。',
  '公司获评{city}企业技术中心和工程技术研究中心，具备独立开展产品开发和试验验证的能力。',
]);

export const UNDERSTANDING = compileAll([
  '本需求的核心是{obj}的自主研制，关键在于解决{tech}方面的难题。',
  '经分析，{ind}是本需求的主要难点，现有方案受限于材料性能和工艺稳定性。',
  '我公司在{tech}方面的积累与本需求高度契合，已有{product}在{scene}场景稳定运行{n:2-8}年。',
  '针对发榜企业提出的{ind}要求，我公司已有样品的实测值接近目标，具备进一步提升的基础。',
  '发榜企业的应用场景对可靠性和一致性要求高，我公司将在设计阶段引入失效模式分析。',
  '本需求与我公司未来三年的产品规划方向一致，公司将作为重点项目推进。',
  '需求中提出的{ind}指标直接关系到{scene}的运行安全和效率，是验收的核心指标。',
  '从国内外现状看，同类产品的{ind}普遍处于中等水平，实现目标值需要在{tech}上取得突破。',
  '我公司认为，本需求的难点不在单项技术，而在于多项指标同时满足并保持批量一致性。',
  '结合前期与发榜企业的技术交流，我公司对其现场工况、接口要求和验收方式已有较全面的了解。',
]);

export const PLAN = compileAll([
  '采用“仿真设计—样机试制—测试验证—迭代优化”的技术路线，分阶段推进{obj}的研制。',
  '在方案设计阶段，基于{tech}建立多物理场仿真模型，对{ind}进行量化分析和优化。',
  '样机试制阶段，依托公司现有中试线完成关键部件加工和整机装配，同步开展工艺验证。',
  '测试验证阶段，按照发榜企业提供的测试规范，在实验室和{scene}现场分别开展性能测试。',
  '针对{ind}指标，拟采用{tech}与结构优化相结合的方法，预计可将性能提升{n:20-60}%。',
  '建立覆盖原材料、过程和成品的质量数据追溯体系，保证批次一致性。',
  '项目组每月向发榜企业汇报进展，重大技术问题由双方技术委员会共同决策。',
  '第一阶段完成需求细化和总体方案设计，明确{ind}等指标的分解和验证方法。',
  '第二阶段完成关键部件和核心算法的开发，开展单元级测试，形成阶段性技术报告。',
  '第三阶段完成系统集成和样机联调，在发榜企业现场开展不少于{n:1-6}个月的试运行。',
  '针对可能出现的技术风险，预先设计{n:2-3}条备选技术路线，并设置阶段评审节点。',
  '采用正交试验和响应面方法优化工艺参数，缩短试验周期，降低试制成本。',
  '建立{tech}测试平台，实现对关键性能参数的自动采集和分析。',
]);

export const COOPERATION = compileAll([
  '我公司拟与发榜企业采用{mode}方式开展合作，双方明确分工、共享成果。',
  '公司拟投入研发人员{n:5-30}名，其中高级工程师{n:2-10}名，项目周期内专职从事本项目。',
  '公司拟投入自有资金{n:100-2000}万元，用于材料采购、样机试制和测试验证。',
  '公司将开放现有中试线和检测设备，保障项目研制需要。',
  '合作过程中形成的知识产权按合作协议约定归属，双方共同推动成果转化。',
  '双方拟成立联合项目组，由发榜企业提供应用场景和测试条件，我公司负责技术开发和样机研制。',
  '项目经费按里程碑节点分期拨付，每一节点以双方确认的阶段成果为依据。',
  '我公司承诺在合作期内优先保障本项目所需的技术骨干和试制产能。',
]);

export const RESULTS = compileAll([
  '交付{obj}样机{n:2-10}台（套）及全套设计文件、工艺文件和检测报告。',
  '关键技术指标全部达到或优于需求要求，由第三方检测机构出具检测报告。',
  '完成不少于{n:3-12}个月的现场应用验证，出具用户使用报告。',
  '申请发明专利{n:1-5}项，形成企业标准{n:1-3}项。',
  '验收采用现场测试与资料审查相结合的方式，由发榜企业组织专家进行。',
  '形成{obj}产品技术规范和企业标准，具备年产{n:1000-50000}台（套）的批量供货能力。',
  '验收时提交项目总结报告、测试报告、用户使用报告和知识产权清单。',
  '项目完成后{n:1-3}年内，实现在发榜企业的批量应用，并向同行业推广。',
]);

export const SAFEGUARDS = compileAll([
  '公司成立由总经理任组长的项目领导小组，统筹协调人员、资金和设备。',
  '项目资金实行专账管理、专款专用，定期向发榜企业通报使用情况。',
  '严格执行质量管理体系要求，关键工序设置质量控制点。',
  '主要风险在于{ind}指标攻关难度较大，公司已准备备选技术方案予以应对。',
  '针对关键原材料供应风险，公司已与{n:2-5}家国内供应商建立合作关系。',
  '如遇关键人员变动，公司将在两周内安排具备同等能力的人员接替，确保项目进度。',
  '建立月度例会和季度评审制度，及时发现和解决项目实施中的问题。',
  '对于市场和需求变化带来的风险，双方将通过补充协议调整技术指标和进度安排。',
]);

export const MILESTONE_TASKS = [
  '方案设计与仿真',
  '关键部件试制',
  '样机装配与调试',
  '实验室测试',
  '现场应用验证',
  '优化定型与验收',
];
