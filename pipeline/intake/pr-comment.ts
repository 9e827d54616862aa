/**
 * The one summary comment on a pull request: the paths it may not touch and why, then each
 * checked file's problems by line. File names and messages are shown inert (a file name in
 * a pull request is the author's text).
 */
import type { Verdict } from '../events/types.ts';
import { inline } from './markdown.ts';
import type { PathProblem } from './path-rules.ts';

/** A problem on a file and line of a pull request (an annotation, and a line of the comment). */
export interface FileProblem {
  file: string;
  line: number;
  /** JSON Pointer in the record ('' for the file as a whole). */
  path: string;
  keyword: string;
  message: string;
}

export const PR_MARKER = '<!-- jiebang:pr-check -->';
const FOOTER = '<sub>本检查由 jiebang 自动生成；推送新的提交后会自动重新检查并更新本评论。</sub>';

export interface PullRequestComment {
  verdict: Verdict;
  pathIssues: PathProblem[];
  problems: FileProblem[];
  checked: string[];
  notes: string[];
}

export function renderPullRequestComment(c: PullRequestComment): string {
  const out = [PR_MARKER];
  const count = c.pathIssues.length + c.problems.length;
  if (c.verdict === 'valid') {
    out.push(
      '## ✅ 检查通过',
      '',
      c.checked.length
        ? `已检查 ${c.checked.length} 个内容文件，均符合数据模式、工作规则和相互关联的规则。`
        : '本合并请求没有修改内容文件（content/ 下的记录）。',
    );
  } else {
    out.push(`## ⚠️ 检查未通过（共 ${count} 处）`, '', '请按下面的提示修改后推送新的提交，系统会自动重新检查。');
  }
  if (c.pathIssues.length) {
    out.push('', '### 不允许的修改', '');
    for (const p of c.pathIssues) out.push(`- ${inline(p.file)}：${inline(p.message, 500)}`);
  }
  const files = [...new Set(c.problems.map((p) => p.file))];
  for (const file of files) {
    out.push('', `### ${inline(file)}`, '');
    for (const p of c.problems.filter((x) => x.file === file))
      out.push(`- 第 ${p.line} 行：${inline(p.message, 1000)}`);
  }
  if (c.notes.length) out.push('', '**说明**', '', ...c.notes.map((n) => `- ${inline(n, 500)}`));
  out.push('', FOOTER);
  return out.join('\n');
}
