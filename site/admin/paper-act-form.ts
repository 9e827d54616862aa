/**
 * 登记纸质文件送达的行为: under an open demand's state, a form for the officer to record an act
 * that reached the bureau as a document (MIIT's 目录 decision, the issuer's 遴选 letter, a
 * contract, an acceptance report, a letter of withdrawal) on the actor's behalf, with its
 * scan — for the demand or one of its applications. It posts to the local server
 * (site/server/paper-act.ts), which checks the scan and records the act through
 * `jiebang decide`; the answer shown is the pipeline's. On a deployed site there is no such
 * server: the form says how to record it on the forge instead.
 */
const ACTS: Array<[string, string, string]> = [
  ['catalogue', '入选目录', 'Catalogued'],
  ['decline', '未入选目录', 'Not catalogued'],
  ['select', '遴选', 'Select'],
  ['replace', '递补', 'Replace'],
  ['contract', '签约', 'Contract'],
  ['start', '开始实施', 'Start'],
  ['accept', '验收通过', 'Accepted'],
  ['fail_acceptance', '验收不通过', 'Acceptance failed'],
  ['supplier', '进入供应商目录', 'Supplier list'],
  ['deepen', '深化合作', 'Deepen'],
  ['drop_out', '退出揭榜', 'Drop out'],
  ['terminate', '终止合作', 'Terminate'],
  ['withdraw', '撤回', 'Withdraw'],
];
const PARTIES: Array<[string, string, string]> = [
  ['miit', '工业和信息化部', 'MIIT'],
  ['issuer', '发榜企业', 'the issuer'],
  ['submitter', '申报单位', 'the submitter'],
];

function labelled(text: string, control: HTMLElement): HTMLElement {
  const label = document.createElement('label');
  label.style.cssText = 'display:block;margin:6px 0;';
  const span = document.createElement('span');
  span.textContent = text;
  span.style.cssText = 'display:block;font-size:13px;color:#313d3e;';
  control.style.cssText += 'width:100%;max-width:28rem;padding:4px 6px;font:inherit;';
  label.append(span, control);
  return label;
}

function input(name: string, type = 'text', value = ''): HTMLInputElement {
  const el = document.createElement('input');
  el.name = name;
  el.type = type;
  el.value = value;
  return el;
}

function select(name: string, options: Array<[string, string, string]>): HTMLSelectElement {
  const el = document.createElement('select');
  el.name = name;
  for (const [value, zh, en] of options) el.append(new Option(`${zh} / ${en}`, value));
  return el;
}

const base64 = (bytes: ArrayBuffer) => {
  let s = '';
  const b = new Uint8Array(bytes);
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
};

/** Build a form's fields the first time its section is opened (until then the entry's page holds none of them: no second file input beside Decap's). */
function whenOpened(details: HTMLDetailsElement, build: () => void): void {
  details.addEventListener('toggle', () => {
    if (details.open && !details.querySelector('form')) build();
  });
}

/** Post the form's values (and its file, base64) to a local route; show the answer in `answer`. */
function postOnSubmit(
  form: HTMLFormElement,
  route: string,
  file: HTMLInputElement,
  answer: HTMLElement,
  values: (data: FormData) => Record<string, string>,
): void {
  const submit = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      const picked = file.files?.[0];
      submit.disabled = true;
      answer.removeAttribute('data-ok');
      answer.textContent = '正在处理… / Working…';
      try {
        const body = {
          ...values(new FormData(form)),
          ...(picked ? { scan: { name: picked.name, base64: base64(await picked.arrayBuffer()) } } : {}),
        };
        const api = `${location.pathname.replace(/admin\/?.*$/, '')}admin/api/${route}`;
        const res = await fetch(api, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        const reply = (await res.json()) as { ok: boolean; zh: string; en: string };
        answer.textContent = `${reply.zh}${reply.en ? ` / ${reply.en}` : ''}`;
        answer.style.color = reply.ok ? '#1a7f37' : '#b3121b';
        answer.dataset.ok = String(reply.ok);
      } catch (err) {
        answer.textContent = `没有完成：${(err as Error).message} / Not done.`;
        answer.style.color = '#b3121b';
        answer.dataset.ok = 'false';
      } finally {
        submit.disabled = false;
      }
    })();
  });
}

/**
 * A closed section of the entry's page: on this machine, `fill` puts the fields in a form the
 * first time it is opened; on a deployed site, where there is no local server, `onForge` says
 * how to do it there instead.
 */
function section(
  id: string,
  title: string,
  local: boolean,
  onForge: string,
  fill: (form: HTMLFormElement) => void,
): HTMLElement {
  const details = document.createElement('details');
  details.id = id;
  details.style.cssText = 'margin-top:8px;';
  const summary = document.createElement('summary');
  summary.textContent = title;
  summary.style.cssText = 'cursor:pointer;font-weight:600;';
  details.append(summary);
  if (!local) {
    const p = document.createElement('p');
    p.textContent = onForge;
    details.append(p);
    return details;
  }
  whenOpened(details, () => {
    const form = document.createElement('form');
    fill(form);
    details.append(form);
  });
  return details;
}

function submitRow(form: HTMLFormElement, text: string, answerClass: string): HTMLElement {
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.textContent = text;
  submit.style.cssText = 'margin-top:6px;padding:4px 14px;';
  const answer = document.createElement('p');
  answer.setAttribute('role', 'alert');
  answer.className = answerClass;
  form.append(submit, answer);
  return answer;
}

/**
 * 上传盖章扫描件: the record's stamped form, scanned — kept as `jiebang attach-scan` keeps it
 * (site/server/scan-route.ts), tied to the revision on the form's verification line.
 */
export function scanForm(id: string, local: boolean): HTMLElement {
  return section(
    'jiebang-stamped-scan',
    '上传盖章扫描件 / Upload the stamped scan',
    local,
    "线上请在提交议题中附上扫描件，或由经办人员在本机用 jiebang attach-scan 保存。 / On the forge, attach the scan to the submission's issue, or an officer keeps it with jiebang attach-scan.",
    (form) => {
      const scan = input('scan', 'file');
      scan.accept = 'application/pdf,image/jpeg,image/png';
      form.append(
        labelled('编号 / Id', input('id', 'text', id)),
        labelled(
          "版本号（打印表格核验信息中的版本） / Revision (on the printed form's verification line)",
          input('revision'),
        ),
        labelled(
          '盖章扫描件（PDF、JPEG、PNG；手机照片也可） / The stamped scan (PDF, JPEG, PNG; a phone photo will do)',
          scan,
        ),
      );
      const answer = submitRow(form, '检查并保存 / Check and keep', 'jiebang-scan-answer');
      postOnSubmit(form, 'attach-scan', scan, answer, (d) => ({
        id: String(d.get('id') ?? '').trim(),
        revision: String(d.get('revision') ?? '').trim(),
      }));
    },
  );
}

export function paperActForm(demand: string, local: boolean): HTMLElement {
  return section(
    'jiebang-paper-act',
    '登记纸质文件送达的行为（代为登记） / Record an act that arrived on paper',
    local,
    "线上请在该需求或申请的议题中用命令登记，如 /入选目录 代=工信部 文号=… 日期=… sha256=…（见审核指南 §2a）。 / On the forge, write the command on the subject's issue, e.g. /catalogue for=miit doc=… date=… sha256=… (review guide §2a).",
    (form) => {
      const scan = input('scan', 'file');
      scan.accept = 'application/pdf,image/jpeg,image/png';
      form.append(
        labelled(
          '对象编号（本需求或其申请，如 XM-2026-003-A02） / Subject (this demand or one of its applications)',
          input('subject', 'text', demand),
        ),
        labelled('行为 / Act', select('action', ACTS)),
        labelled('代为登记 / On behalf of', select('party', PARTIES)),
        labelled("经办人账号（经办人员名册） / Officer login (officers' registry)", input('login')),
        labelled("文号（无文号的函件写标题） / Document number (or the letter's title)", input('documentNo')),
        labelled('成文日期 / Document date', input('date', 'date')),
        labelled(
          '其他（遴选的四项评分、理由、合同金额=… 签订日期=…） / Scores, reason or contract words',
          input('rest'),
        ),
        labelled('扫描件（PDF、JPEG、PNG，盖章） / The stamped scan (PDF, JPEG, PNG)', scan),
      );
      const answer = submitRow(form, '登记 / Record', 'jiebang-paper-act-answer');
      postOnSubmit(form, 'paper-act', scan, answer, (d) => ({
        subject: String(d.get('subject') ?? '').trim(),
        action: String(d.get('action')),
        party: String(d.get('party')),
        login: String(d.get('login') ?? '').trim(),
        documentNo: String(d.get('documentNo') ?? '').trim(),
        date: String(d.get('date') ?? ''),
        rest: String(d.get('rest') ?? ''),
      }));
    },
  );
}

/**
 * 登记提交: a demand saved in the CMS on this machine has no pull request to enter the ledger
 * through; this registers its submission (site/server/submit-route.ts) after the same checks.
 */
export function submitForm(id: string): HTMLElement {
  const form = document.createElement('form');
  form.id = 'jiebang-submit';
  form.style.cssText = 'margin-top:8px;';
  const none = document.createElement('input');
  none.type = 'hidden';
  const answer = submitRow(form, '检查并登记提交 / Check and register the submission', 'jiebang-submit-answer');
  postOnSubmit(form, 'submit', none, answer, () => ({ id }));
  return form;
}
