/** The submission helper's own words, in Chinese and English (the form's come from the schemas). */
export const HELPER_TEXT = {
  zh: {
    indexTitle: '提交助手',
    indexIntro:
      '在浏览器中填写申报表、检查填写内容，并把受限信息（联系人、经营数据等）用主管部门的公钥加密。助手不会把任何内容发送到任何地方：它给出填好的申报内容和预填好的在线申报表链接，由您自己登录 GitHub 提交。',
    pageTitle: '提交助手：{name}',
    intro:
      '按表填写后点“检查并生成”。检查规则与受理流水线相同；受限信息在本机加密，只有主管部门经办人员能解密（揭榜申请书还有该需求的发榜企业）。本页面不会发送任何内容。',
    noScript:
      '提交助手需要启用 JavaScript，才能在您的电脑上检查和加密。也可以使用命令行工具 jiebang seal 生成密封信息。',
    noRecipients: '本网站尚未配置经办人员的加密公钥，暂时无法生成密封信息，请联系主管部门。',
    restrictedHeading: '受限信息（在本机加密，不公开）',
    restrictedIntro:
      '以下内容不会以明文出现在公开的申报表中：点“检查并生成”后，助手用主管部门的公钥把它们加密成“密封信息”。',
    anonymousNote: '选择隐去企业名称时，企业名称、统一社会信用代码和企业标识也会被加密，不公开。',
    withheldNote: '选择不公开时，除批次和公开选项外的全部内容都会被加密，不公开。',
    required: '必填',
    addRow: '添加一行',
    chooseDemand: '选择揭榜中的需求',
    submit: '检查并生成',
    problems: '请先改正以下 {n} 处问题：',
    sealing: '正在加密……',
    done: '已生成。受限信息已加密给 {n} 个经办人员公钥。',
    outputHeading: '提交方式',
    openForm: '打开预填好的申报表',
    openFormNote: '在新页面中打开 GitHub 上的在线申报表，已填好下列内容；登录后检查并提交。',
    partialNote: '链接过长，以下栏目没有预填，请从下面的申报内容全文中复制到申报表对应栏目：{fields}。',
    copyHeading: '申报内容全文',
    copyNote: '也可以把下面的全文复制下来，按栏目粘贴到表单中。“密封信息”一栏必须整段原样粘贴。',
    copy: '复制全文',
    printHeading: '打印申报表（盖章用）',
    printNote:
      '按通知附件的格式打印刚才填写的全部内容（包括加密的部分，只在本机显示和打印），或在打印窗口中另存为 PDF。盖章后把扫描件或照片附在提交的议题中；登记后的编号和版本见受理回复。',
    printForm: '打印 / 另存为 PDF',
    docxForm: '下载 Word 版（DOCX）',
    copied: '已复制',
    yes: '是',
    no: '否',
    stepsHeading: '开始之前',
    steps_jiebang:
      '先提交《对接表》（企业基本情况），每家企业只需一次；|准备一个 GitHub 账号（免费注册），最后一步要用它提交；|申请书正文和技术指标响应只有主管部门和该需求的发榜企业能看到：本页在您的电脑上把它们加密，公开的只有企业名称、需求编号等；|填写时内容自动保存在本机浏览器中，可以分几次填完。',
    steps_duijie:
      '每家企业只需提交一次，揭榜前必须先提交；|准备一个 GitHub 账号（免费注册），最后一步要用它提交；|从业人员、营业收入、资产总额和联系人只有主管部门能看到，本页在您的电脑上加密；|填好行业和经营数据后，本页立即按国家标准判断贵企业是否属于中小企业、能否参加揭榜。',
    steps_fabang:
      '发榜由大企业提交，每项需求一份；|准备一个 GitHub 账号（免费注册），最后一步要用它提交；|联系人信息只有主管部门能看到，本页在您的电脑上加密；|填写时内容自动保存在本机浏览器中，可以分几次填完。',
    draftFound: '发现 {time} 自动保存的草稿。',
    draftRestore: '恢复草稿',
    draftDiscard: '丢弃草稿',
    draftSaved: '已自动保存在本机',
    leaveWarning: '填写的内容还没有生成提交材料，确定离开吗？（草稿已保存在本机浏览器中）',
    sizeHeading: '能否参加揭榜',
    sizeIncomplete: '填好“划型标准行业”和经营数据后，这里会显示贵企业的规模和能否参加揭榜。',
    outputSteps:
      '提交步骤：|点下面的“复制密封信息”；|点“打开预填好的申报表”，用 GitHub 账号登录，其他栏目已经填好；|把复制的内容整段粘贴到申报表最后的“密封信息”一栏，然后点提交；|几分钟内，申报表下方会出现受理结果；如需修改，按提示直接编辑即可。',
    copySealed: '复制密封信息',
    attachSteps:
      '申报内容较长，加密后超过申报表的字数上限，需要作为附件上传：|点下面的“下载密封文件”，保存到电脑上（文件名以 jiebang-sealed- 开头，不要打开或改动）；|点“打开预填好的申报表”，用 GitHub 账号登录，其他栏目已经填好，最后的“密封信息”一栏已写好文件的摘要（sha256）；|把下载的文件拖进“密封信息”一栏（写好的摘要下面），等上传完成、栏内出现文件链接后再点提交；|几分钟内，申报表下方会出现受理结果：系统下载附件，核对摘要后受理，和直接粘贴的效果完全一样。',
    downloadSealed: '下载密封文件',
  },
  en: {
    indexTitle: 'Submission helper',
    indexIntro:
      'Fill in a form in your browser, check it, and encrypt the restricted parts (contacts, figures) to the bureau’s public keys. The helper sends nothing anywhere: it gives you the issue text and a prefilled issue link, and you submit them yourself.',
    pageTitle: 'Submission helper: {name}',
    intro:
      'Fill in the form and press “Check and generate”. The checks are the intake pipeline’s own; restricted data is encrypted on this computer, readable by the bureau’s officers only (an application also by the demand’s issuer). This page sends nothing.',
    noScript:
      'The helper needs JavaScript to check and encrypt on your computer. The jiebang seal command makes the sealed data too.',
    noRecipients: 'This site has no officer keys configured yet, so nothing can be sealed; please contact the bureau.',
    restrictedHeading: 'Restricted (encrypted here, never published)',
    restrictedIntro:
      'These never appear in the issue in the clear: “Check and generate” encrypts them to the bureau’s public keys as the sealed data.',
    anonymousNote: 'When the issuer hides its name, the name, credit code and logo are encrypted too.',
    withheldNote: 'When the demand is not public, everything but the round and the choices is encrypted.',
    required: 'required',
    addRow: 'Add a row',
    chooseDemand: 'Choose a demand open for applications',
    submit: 'Check and generate',
    problems: 'Please fix these {n} problem(s) first:',
    sealing: 'Encrypting…',
    done: 'Done. Restricted data is encrypted to {n} officer key(s).',
    outputHeading: 'How to submit',
    openForm: 'Open the prefilled issue form',
    openFormNote: 'Opens the forge’s form in a new page with these answers filled in; sign in, check and submit.',
    partialNote:
      'The link would be too long, so these fields are not prefilled; copy them from the issue text below: {fields}.',
    copyHeading: 'Issue text',
    copyNote:
      'Or copy the whole text and paste each part into its field of the form. Paste the sealed data whole, unchanged.',
    copy: 'Copy all',
    printHeading: 'Print the form to stamp',
    printNote:
      'Prints everything you entered as the notice’s form (the sealed parts too: shown and printed on this computer only), or save it as a PDF from the print dialog. Stamp it and attach the scan or a photo to the issue you submit; the registered number and revision come with the answer.',
    printForm: 'Print / save as PDF',
    docxForm: 'Download as Word (DOCX)',
    copied: 'Copied',
    yes: 'Yes',
    no: 'No',
    stepsHeading: 'Before you start',
    steps_jiebang:
      'Submit the SME profile (对接表) first, once per enterprise;|have a GitHub account (free) to submit with at the end;|the application text and indicator responses are read only by the bureau and this demand’s issuer: this page encrypts them on your computer, and only the name and the demand number are public;|what you type is saved in this browser as you go, so you can finish later.',
    steps_duijie:
      'Once per enterprise, before any application;|have a GitHub account (free) to submit with at the end;|employees, revenue, assets and the contact are read only by the bureau, encrypted on your computer;|as soon as the industry and the figures are filled in, this page says whether the enterprise is an SME and may take part.',
    steps_fabang:
      'Demands are posted by large enterprises, one submission per demand;|have a GitHub account (free) to submit with at the end;|the contact is read only by the bureau, encrypted on your computer;|what you type is saved in this browser as you go.',
    draftFound: 'A draft saved automatically at {time} was found.',
    draftRestore: 'Restore the draft',
    draftDiscard: 'Discard it',
    draftSaved: 'Saved on this computer',
    leaveWarning: 'Nothing has been generated yet; leave anyway? (The draft stays saved in this browser.)',
    sizeHeading: 'May the enterprise take part?',
    sizeIncomplete:
      'Once the size-standard industry and the figures are filled in, the size class and whether the enterprise may apply show here.',
    outputSteps:
      'To submit:|press “Copy the sealed data” below;|press “Open the prefilled form” and sign in with GitHub: the other fields are filled in;|paste what you copied, whole, into the form’s last field (sealed data) and submit;|the result appears below it within minutes; to change anything, edit it as the answer says.',
    copySealed: 'Copy the sealed data',
    attachSteps:
      'The application is long: sealed, it is over the form’s size limit, so it is uploaded as a file:|press “Download the sealed file” and save it (its name starts with jiebang-sealed-; do not open or change it);|press “Open the prefilled form” and sign in with GitHub: the other fields are filled in, and the last field (sealed data) already names the file’s hash (sha256);|drag the downloaded file into that field, below the hash, and submit once the upload has finished and its link shows;|the result appears within minutes: the intake downloads the file, checks its hash and takes it exactly as if it had been pasted.',
    downloadSealed: 'Download the sealed file',
  },
} as const;

export type HelperKey = keyof typeof HELPER_TEXT.zh;

export function ht(lang: 'zh' | 'en', key: HelperKey, vars: Record<string, string | number> = {}): string {
  return HELPER_TEXT[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
