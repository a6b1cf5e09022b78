// Every string the page shows, in Chinese and English. `t(key, vars)` looks one up in the current
// language; `{name}` placeholders are filled from `vars`; a value may be `{ one, other }` (plural by
// `vars.n`). Texts are always inserted with textContent — a `` `code` `` span is rendered by
// dom.js:richText, never as HTML.

const STORAGE_KEY = 'ecplint.lang';

export const DICT = {
  en: {
    'title': 'ecplint — ECP cloud-product chart validator',
    'tagline': 'ECP cloud-product chart validator',
    'privacy': 'Runs entirely in your browser: nothing is uploaded.',
    'lang.label': 'Language',
    'lang.switchTo': 'Switch language',
    'rules.button': 'Rules',
    'rules.buttonTitle': 'Browse all rules and their documentation',

    'drop.title': 'Drop charts, cloud-product projects or archives here',
    'drop.hint': 'A packaged chart or an ark project: .tgz, .tar.gz, .tar, .zip or a folder. Several at once make a catalog.',
    'drop.files': 'Choose files…',
    'drop.folder': 'Choose folder…',
    'drop.sample': 'Try the sample',
    'drop.sampleTitle': 'Check orbit-console-project.tgz, an example project with a few deliberate mistakes',
    'drop.release': 'Release to check',
    'drop.again': 'Drop more files to check them instead',
    'drop.zone': 'Drop zone: drop files or folders, or use the buttons',
    'settings.categories': 'Platform categories',
    'settings.categoriesHint': 'e.g. compute, storage',
    'settings.categoriesTitle': 'Navigation categories that already exist on your platform (comma-separated); NAV-007 accepts them besides _category.yaml',

    'progress.loading': 'Loading the checker…',
    'progress.collecting': 'Collecting files… {n}',
    'progress.reading': 'Reading {name}',
    'progress.checking': 'Checking {name}',
    'progress.finishing': 'Building the report…',
    'progress.fetching': 'Fetching the sample…',
    'progress.cancel': 'Cancel',
    'progress.cancelled': 'Check cancelled.',
    'progress.label': 'Progress',

    'sev.error': { one: 'error', other: 'errors' },
    'sev.warning': { one: 'warning', other: 'warnings' },
    'sev.info': { one: 'info', other: 'info' },
    'sev.error.label': 'Error',
    'sev.warning.label': 'Warning',
    'sev.info.label': 'Info',
    'sev.toggle': 'Show {sev} findings',

    'summary.title': 'Report',
    'summary.inputs': { one: '{n} input', other: '{n} inputs' },
    'summary.charts': { one: '{n} chart', other: '{n} charts' },
    'summary.clean': 'No findings.',
    'summary.elapsed': 'checked in {ms} ms',

    'filter.severity': 'Severity',
    'filter.group': 'Rule group',
    'filter.allGroups': 'All groups',
    'filter.search': 'Filter by text, rule or file  ( / )',
    'filter.searchLabel': 'Filter findings',
    'filter.shown': '{shown} of {total} findings shown',
    'filter.none': 'No finding here matches the filters.',
    'filter.reset': 'Reset filters',

    'export.json': 'Export JSON',
    'export.title': 'Download the report as ecplint-report.json (schema {schema})',
    'clear': 'Clear',
    'clear.title': 'Clear the results',

    'input.files': { one: '{n} file', other: '{n} files' },
    'input.charts': { one: '{n} chart', other: '{n} charts' },
    'input.unreadable': 'This input could not be read',
    'input.unreadableHint': 'Nothing in it was checked. What went wrong:',
    'input.level': 'Findings about the input as a whole',
    'input.archive': 'archive',
    'input.folder': 'folder',

    'chart.version': 'version {v}',
    'chart.noVersion': 'no version',
    'chart.root': 'Chart root: {root}',
    'chart.clean': 'No findings: this chart passes every rule.',
    'chart.subcharts': 'Subcharts: {list}',
    'chart.findings': 'Findings',

    'diag.fix': 'Fix',
    'diag.noLocation': 'no location',
    'diag.open': 'Open {file} at line {line}',
    'diag.openFile': 'Open {file}',
    'diag.docs': 'Documentation of {id}: {title}',

    'res.title': 'Resource requirement',
    'res.cpu': 'CPU',
    'res.memory': 'Memory',
    'res.of': 'of {limit}',
    'res.over': 'over the ceiling',
    'res.within': 'within the ceiling',
    'res.notChecked': 'not checked',
    'res.source.computed': 'computed',
    'res.source.declared': 'declared',
    'res.source.exempt': 'exempt',
    'res.explain.computed': 'Sum of every `requests` under a `resources` key in values.yaml, `jobs` excluded, as the platform computes it at build time.',
    'res.explain.declared': 'Declared by `resource_limit` in `_acl_helpers.yaml.tpl`: the platform uses it instead of the values.yaml sum.',
    'res.explain.declaredSum': 'values.yaml sums to {cpu} / {mem}.',
    'res.explain.exempt': 'Exempt from the 6 CPU / 12 GiB check. Figures shown as computed.',
    'res.reason': 'Why: {reason}',
    'res.ceiling': 'Ceiling per product: 6 CPU / 12 GiB (6000m / 12288Mi)',
    'res.items': 'Contributing requests',
    'res.col.path': 'Path',
    'res.col.location': 'Location',
    'res.col.cpu': 'CPU (m)',
    'res.col.memory': 'Memory (Mi)',
    'res.total': 'Total',
    'res.noItems': 'No `requests` found under any `resources` key.',
    'res.cores': '{n} cores',

    'src.title': 'Source',
    'src.close': 'Close',
    'src.loading': 'Loading…',
    'src.unavailable': 'The text of this file is not available (binary, too large, or not in the input).',
    'src.lines': { one: '{n} line', other: '{n} lines' },
    'src.findings': { one: '{n} finding in this file', other: '{n} findings in this file' },
    'src.copy': 'Copy path',
    'src.copied': 'Copied',
    'src.input': 'Input: {name}',

    'docs.title': 'Rules',
    'docs.search': 'Search rules…',
    'docs.searchLabel': 'Search rules',
    'docs.section': 'Guide {s}',
    'docs.severity': 'default severity: {sev}',
    'docs.fail': 'reported',
    'docs.pass': 'passes',
    'docs.none': 'No rule matches.',
    'docs.pick': 'Pick a rule on the left to read its documentation.',
    'docs.close': 'Close',
    'docs.count': { one: '{n} rule', other: '{n} rules' },
    'docs.unknown': 'Unknown rule {id}.',

    'empty.title': 'What ecplint checks',
    'empty.intro': 'Rules follow the ECP cloud-product development guide v6.2.1 (§1.1.6). Click a group to read its rules.',
    'empty.rules': { one: '{n} rule', other: '{n} rules' },

    'error.engine': 'The checker could not be loaded: {msg}',
    'error.check': 'The check failed: {msg}. The page is still usable: try again.',
    'error.sample': 'The sample could not be fetched: {msg}',
    'error.crash': 'The checker stopped unexpectedly and was restarted: {msg}',
    'error.nothing': 'Nothing to check: no files were given.',
    'error.dismiss': 'Dismiss',

    'footer.text': 'ecplint {v} · {n} rules · the Rust core runs as WebAssembly in this page, offline',
    'footer.guide': 'Spec: ECP cloud-product development guide v6.2.1',

    'group.INPUT': 'Input',
    'group.LAYOUT': 'Layout',
    'group.CHART': 'Chart.yaml',
    'group.ACL': 'Permissions (_acl_helpers)',
    'group.RES': 'Resources',
    'group.CFG': 'Config (_config_helpers)',
    'group.DEP': 'Dependencies',
    'group.HA': 'High availability',
    'group.PVC': 'Persistent storage',
    'group.SVC': 'Services',
    'group.ING': 'Ingresses',
    'group.NAV': 'Navigation',
    'group.CAT': 'Categories',
    'group.POL': 'Navigation policy',
    'group.WIZ': 'Wizard',
    'group.I18N': 'Bilingual texts',
    'group.JOB': 'Install check Job',
    'group.IMG': 'Images',
    'group.HOOK': 'Hook scripts',
    'group.UPG': 'Upgrades',
    'group.XCP': 'Across charts',
    'group.HELM': 'Helm',

    'tabs.label': 'Chart views',
    'tabs.findings': 'Findings',
    'tabs.config': 'Config preview',

    // The Navigation preview (navpreview.js): the results' view tabs and the preview panel.
    'nav.findings': 'Findings',
    'nav.preview': 'Navigation preview',
    'nav.tabs': 'Results view',
    'nav.role': 'View as',
    'nav.lang': 'Console language',
    'nav.view.cloud_admin': 'Cloud admin',
    'nav.view.domain_admin': 'Domain admin',
    'nav.view.admin': 'Project admin',
    'nav.view.member': 'Member',
    'nav.view.author': 'Author (all items)',
    'nav.frame': 'ECP console preview as {view}',
    'nav.none': 'No chart of this run has a templates/_navigation.yaml: there is no navigation to preview.',
    'nav.loading': 'Rendering…',
    'nav.failed': 'The preview failed: {msg}',
    'nav.counts': '{view} sees {n} of {total} pages.',
    'nav.hint': 'The console as each role sees it, from _navigation.yaml, _category.yaml, _navigation_policy.yaml and _wizard.yaml. Open a wizard step to see its picture. URLs are shown as text, never as links.',

    'cfg.title': 'Config preview',
    'cfg.intro': 'What values will this product really get? values.yaml, then the rendered data_template, config CRD, license topology, license config and custom_config (guide §1.1.6.4). Drop or paste the inputs below; the preview follows as you type.',
    'cfg.computing': 'Computing…',
    'cfg.pending': 'Waiting for you to stop typing…',
    'cfg.computed': 'Computed in {ms} ms',
    'cfg.failed': 'The preview failed: {msg}',
    'cfg.noChart': 'This chart is no longer in the checked inputs.',
    'cfg.shared': 'all charts',
    'cfg.sharedTitle': 'One license per platform: this input applies to every chart of the report.',
    'cfg.choose': 'File…',
    'cfg.clear': 'Clear',
    'cfg.tooLarge': '{name} is over 5 MiB: not read',
    'cfg.unreadable': '{name} could not be read',
    'cfg.in.license.title': 'License',
    'cfg.in.license.hint': 'The License CRD (data.cloud_product, data.platform_software, data.topology) or the older cloud_product: list. Gives topology, license config and replicas_by_modality.',
    'cfg.in.license.placeholder': 'apiVersion: servicecatalog.ecp.com/v1\ndata:\n  cloud_product:\n    <product-id>:\n      values:\n        default_product_replicas: 3\n      config:\n        pod: …\n  topology:\n    <product-id>: …',
    'cfg.in.configCrd.title': 'Config CRD',
    'cfg.in.configCrd.hint': 'The product’s config CRD: a Kubernetes object (its data is merged) or a plain map of values.',
    'cfg.in.configCrd.placeholder': 'pod:\n  replicas:\n    api: 2',
    'cfg.in.custom.title': 'custom_config',
    'cfg.in.custom.hint': 'The custom configuration of the cpconfig (custom_config: …, or a plain map): the highest priority.',
    'cfg.in.custom.placeholder': 'custom_config:\n  conf:\n    debug: true',
    'cfg.in.products.title': 'Configs of products installed on the platform (optional)',
    'cfg.in.products.hint': 'A map from product ID to its config, for templates that read other products (${mariadb[…]}, safe_render). Charts checked alongside are installed already; these win over them.',
    'cfg.in.products.placeholder': 'mariadb:\n  endpoints:\n    admin:\n      password: secret',
    'cfg.legend': 'Layers, lowest priority first:',
    'cfg.layer.values': 'values.yaml',
    'cfg.layer.data_template': 'data_template',
    'cfg.layer.config_crd': 'config CRD',
    'cfg.layer.topology': 'topology',
    'cfg.layer.license': 'license config',
    'cfg.layer.custom_config': 'custom_config',
    'cfg.layer.values.title': 'The chart’s values.yaml (lowest priority)',
    'cfg.layer.data_template.title': 'data_template of _config_helpers.yaml.tpl, rendered',
    'cfg.layer.config_crd.title': 'The product’s config CRD',
    'cfg.layer.topology.title': 'License topology: data.topology.<product-id>',
    'cfg.layer.license.title': 'License config: data.cloud_product.<id>.config or data.platform_software.<id>.config',
    'cfg.layer.custom_config.title': 'custom_config of the cpconfig (highest priority)',
    'cfg.replicas.license': 'replicas_by_modality = {n} (license values.default_product_replicas)',
    'cfg.replicas.default': 'replicas_by_modality = {n} (default: the license does not set default_product_replicas)',
    'cfg.productsSeen': 'Other products the template can read: {list}',
    'cfg.input.values': 'values.yaml',
    'cfg.input.data_template': 'data_template',
    'cfg.input.config_crd': 'config CRD',
    'cfg.input.license': 'license',
    'cfg.input.custom_config': 'custom_config',
    'cfg.input.products': 'products',
    'cfg.values.title': 'Final values, each leaf with the layer that set it',
    'cfg.values.empty': 'No values at all.',
    'cfg.diff.title': 'Changes against values.yaml',
    'cfg.diff.none': 'Nothing differs from values.yaml.',
    'cfg.diff.col.kind': 'Change',
    'cfg.diff.col.path': 'Path',
    'cfg.diff.col.old': 'values.yaml',
    'cfg.diff.col.new': 'Final',
    'cfg.diff.added': 'added',
    'cfg.diff.changed': 'changed',
    'cfg.diff.removed': 'removed',
    'cfg.diff.unchanged': 'unchanged',
    'cfg.diff.showUnchanged': 'Show unchanged values',
    'cfg.rendered.title': 'Rendered _config_helpers.yaml.tpl',
    'cfg.rendered.hint': 'The template after Mako rendering, as the platform reads it.',
  },
  zh: {
    'title': 'ecplint — ECP 云产品 Chart 校验工具',
    'tagline': 'ECP 云产品 Chart 校验工具',
    'privacy': '完全在浏览器中运行，文件不会上传。',
    'lang.label': '语言',
    'lang.switchTo': '切换语言',
    'rules.button': '规则',
    'rules.buttonTitle': '浏览全部规则及其文档',

    'drop.title': '将 Chart、云产品工程或归档文件拖放到此处',
    'drop.hint': '支持打包好的 Chart 或 ark 工程：.tgz、.tar.gz、.tar、.zip 或文件夹。一次拖入多个即按目录（catalog）校验。',
    'drop.files': '选择文件…',
    'drop.folder': '选择文件夹…',
    'drop.sample': '试用示例',
    'drop.sampleTitle': '校验 orbit-console-project.tgz：一个故意包含若干错误的示例工程',
    'drop.release': '松开即开始校验',
    'drop.again': '拖入新文件即可重新校验',
    'drop.zone': '拖放区：拖入文件或文件夹，或使用下方按钮',
    'settings.categories': '平台已有分类',
    'settings.categoriesHint': '例如 compute, storage',
    'settings.categoriesTitle': '平台上已存在的导航分类（逗号分隔）；NAV-007 除 _category.yaml 外也接受这些分类',

    'progress.loading': '正在加载校验引擎…',
    'progress.collecting': '正在收集文件… {n}',
    'progress.reading': '正在读取 {name}',
    'progress.checking': '正在校验 {name}',
    'progress.finishing': '正在生成报告…',
    'progress.fetching': '正在获取示例…',
    'progress.cancel': '取消',
    'progress.cancelled': '已取消校验。',
    'progress.label': '进度',

    'sev.error': '错误',
    'sev.warning': '警告',
    'sev.info': '提示',
    'sev.error.label': '错误',
    'sev.warning.label': '警告',
    'sev.info.label': '提示',
    'sev.toggle': '显示{sev}',

    'summary.title': '报告',
    'summary.inputs': '{n} 个输入',
    'summary.charts': '{n} 个 Chart',
    'summary.clean': '未发现问题。',
    'summary.elapsed': '耗时 {ms} 毫秒',

    'filter.severity': '级别',
    'filter.group': '规则分组',
    'filter.allGroups': '全部分组',
    'filter.search': '按文本、规则或文件筛选（ / ）',
    'filter.searchLabel': '筛选结果',
    'filter.shown': '显示 {shown} / {total} 条',
    'filter.none': '此处没有符合筛选条件的结果。',
    'filter.reset': '重置筛选',

    'export.json': '导出 JSON',
    'export.title': '下载报告 ecplint-report.json（schema {schema}）',
    'clear': '清除',
    'clear.title': '清除校验结果',

    'input.files': '{n} 个文件',
    'input.charts': '{n} 个 Chart',
    'input.unreadable': '无法读取此输入',
    'input.unreadableHint': '其中的内容均未校验。原因：',
    'input.level': '关于整个输入的问题',
    'input.archive': '归档',
    'input.folder': '文件夹',

    'chart.version': '版本 {v}',
    'chart.noVersion': '无版本',
    'chart.root': 'Chart 根目录：{root}',
    'chart.clean': '未发现问题：该 Chart 通过了所有规则。',
    'chart.subcharts': '子 Chart：{list}',
    'chart.findings': '问题',

    'diag.fix': '修复',
    'diag.noLocation': '无位置',
    'diag.open': '打开 {file} 第 {line} 行',
    'diag.openFile': '打开 {file}',
    'diag.docs': '{id} 的文档：{title}',

    'res.title': '资源需求',
    'res.cpu': 'CPU',
    'res.memory': '内存',
    'res.of': '上限 {limit}',
    'res.over': '超出上限',
    'res.within': '未超出上限',
    'res.notChecked': '不检查',
    'res.source.computed': '自动计算',
    'res.source.declared': '自行声明',
    'res.source.exempt': '免检',
    'res.explain.computed': '与平台构建时的算法一致：values.yaml 中所有 `resources` 键下的 `requests` 之和，不含 `jobs`。',
    'res.explain.declared': '由 `_acl_helpers.yaml.tpl` 中的 `resource_limit` 声明：平台以此代替 values.yaml 的求和结果。',
    'res.explain.declaredSum': 'values.yaml 求和为 {cpu} / {mem}。',
    'res.explain.exempt': '不做 6 核 / 12 GiB 上限检查，下面的数值仍按计算结果显示。',
    'res.reason': '原因：{reason}',
    'res.ceiling': '每个云产品上限：6 核 / 12 GiB（6000m / 12288Mi）',
    'res.items': '计入的 requests',
    'res.col.path': '路径',
    'res.col.location': '位置',
    'res.col.cpu': 'CPU (m)',
    'res.col.memory': '内存 (Mi)',
    'res.total': '合计',
    'res.noItems': 'values.yaml 中没有位于 `resources` 键下的 `requests`。',
    'res.cores': '{n} 核',

    'src.title': '源文件',
    'src.close': '关闭',
    'src.loading': '正在加载…',
    'src.unavailable': '无法显示此文件的文本（二进制文件、文件过大或不在输入中）。',
    'src.lines': '{n} 行',
    'src.findings': '此文件有 {n} 个问题',
    'src.copy': '复制路径',
    'src.copied': '已复制',
    'src.input': '输入：{name}',

    'docs.title': '规则',
    'docs.search': '搜索规则…',
    'docs.searchLabel': '搜索规则',
    'docs.section': '指南 {s}',
    'docs.severity': '默认级别：{sev}',
    'docs.fail': '会报告',
    'docs.pass': '通过',
    'docs.none': '没有匹配的规则。',
    'docs.pick': '在左侧选择一条规则以查看文档。',
    'docs.close': '关闭',
    'docs.count': '{n} 条规则',
    'docs.unknown': '未知规则 {id}。',

    'empty.title': 'ecplint 检查什么',
    'empty.intro': '规则依据《ECP 云产品开发指南》v6.2.1（§1.1.6）。点击分组查看其中的规则。',
    'empty.rules': '{n} 条规则',

    'error.engine': '校验引擎加载失败：{msg}',
    'error.check': '校验失败：{msg}。页面仍可使用，请重试。',
    'error.sample': '无法获取示例：{msg}',
    'error.crash': '校验引擎意外停止，已重新启动：{msg}',
    'error.nothing': '没有可校验的内容：未提供任何文件。',
    'error.dismiss': '关闭',

    'footer.text': 'ecplint {v} · {n} 条规则 · Rust 内核以 WebAssembly 形式在本页面中离线运行',
    'footer.guide': '规范：《ECP 云产品开发指南》v6.2.1',

    'group.INPUT': '输入',
    'group.LAYOUT': '目录结构',
    'group.CHART': 'Chart.yaml',
    'group.ACL': '权限声明 (_acl_helpers)',
    'group.RES': '资源需求',
    'group.CFG': '配置 (_config_helpers)',
    'group.DEP': '依赖',
    'group.HA': '高可用',
    'group.PVC': '持久化存储',
    'group.SVC': 'Service',
    'group.ING': 'Ingress',
    'group.NAV': '导航',
    'group.CAT': '导航分类',
    'group.POL': '导航访问策略',
    'group.WIZ': '使用向导',
    'group.I18N': '中英文文本',
    'group.JOB': '安装检查 Job',
    'group.IMG': '镜像',
    'group.HOOK': 'Hook 脚本',
    'group.UPG': '升级',
    'group.XCP': '跨 Chart',
    'group.HELM': 'Helm',

    'tabs.label': 'Chart 视图',
    'tabs.findings': '检查结果',
    'tabs.config': '配置预览',

    'nav.findings': '检查结果',
    'nav.preview': '导航预览',
    'nav.tabs': '结果视图',
    'nav.role': '查看身份',
    'nav.lang': '控制台语言',
    'nav.view.cloud_admin': '云管理员',
    'nav.view.domain_admin': '部门管理员',
    'nav.view.admin': '项目管理员',
    'nav.view.member': '普通用户',
    'nav.view.author': '开发者（全部导航）',
    'nav.frame': '以{view}身份查看的 ECP 控制台预览',
    'nav.none': '本次检查的 Chart 都没有 templates/_navigation.yaml：没有可预览的导航。',
    'nav.loading': '正在渲染…',
    'nav.failed': '预览失败：{msg}',
    'nav.counts': '{view}可见 {n} / {total} 个页面。',
    'nav.hint': '各角色看到的控制台，来自 _navigation.yaml、_category.yaml、_navigation_policy.yaml 和 _wizard.yaml。展开向导步骤可查看图片。URL 只以文本显示，不会成为链接。',

    'cfg.title': '配置预览',
    'cfg.intro': '该云产品最终会得到哪些配置值？依次为 values.yaml、渲染后的 data_template、config CRD、license 拓扑数据、license 配置、custom_config（指南 §1.1.6.4）。在下方拖入或粘贴输入，预览随输入实时更新。',
    'cfg.computing': '正在计算…',
    'cfg.pending': '等待输入停止…',
    'cfg.computed': '用时 {ms} 毫秒',
    'cfg.failed': '预览失败：{msg}',
    'cfg.noChart': '该 Chart 已不在本次校验的输入中。',
    'cfg.shared': '所有 Chart',
    'cfg.sharedTitle': '一个平台一个 license：此输入适用于报告中的每个 Chart。',
    'cfg.choose': '文件…',
    'cfg.clear': '清空',
    'cfg.tooLarge': '{name} 超过 5 MiB：未读取',
    'cfg.unreadable': '无法读取 {name}',
    'cfg.in.license.title': 'License',
    'cfg.in.license.hint': 'License CRD（data.cloud_product、data.platform_software、data.topology）或旧版 cloud_product: 列表。提供拓扑数据、license 配置和 replicas_by_modality。',
    'cfg.in.license.placeholder': 'apiVersion: servicecatalog.ecp.com/v1\ndata:\n  cloud_product:\n    <云产品标识>:\n      values:\n        default_product_replicas: 3\n      config:\n        pod: …\n  topology:\n    <云产品标识>: …',
    'cfg.in.configCrd.title': 'Config CRD',
    'cfg.in.configCrd.hint': '云产品的 config CRD：Kubernetes 对象（合并其 data）或普通的值映射。',
    'cfg.in.configCrd.placeholder': 'pod:\n  replicas:\n    api: 2',
    'cfg.in.custom.title': 'custom_config',
    'cfg.in.custom.hint': 'cpconfig 的自定义配置（custom_config: …，或普通映射）：优先级最高。',
    'cfg.in.custom.placeholder': 'custom_config:\n  conf:\n    debug: true',
    'cfg.in.products.title': '平台上已安装云产品的配置（可选）',
    'cfg.in.products.hint': '云产品标识到其配置的映射，供引用其他云产品的模板使用（${mariadb[…]}、safe_render）。一同校验的 Chart 视为已安装；此处的配置优先。',
    'cfg.in.products.placeholder': 'mariadb:\n  endpoints:\n    admin:\n      password: secret',
    'cfg.legend': '配置层，优先级从低到高：',
    'cfg.layer.values': 'values.yaml',
    'cfg.layer.data_template': 'data_template',
    'cfg.layer.config_crd': 'config CRD',
    'cfg.layer.topology': '拓扑数据',
    'cfg.layer.license': 'license 配置',
    'cfg.layer.custom_config': 'custom_config',
    'cfg.layer.values.title': 'Chart 的 values.yaml（优先级最低）',
    'cfg.layer.data_template.title': '_config_helpers.yaml.tpl 中渲染后的 data_template',
    'cfg.layer.config_crd.title': '云产品的 config CRD',
    'cfg.layer.topology.title': 'License 拓扑数据：data.topology.<云产品标识>',
    'cfg.layer.license.title': 'License 配置：data.cloud_product.<标识>.config 或 data.platform_software.<标识>.config',
    'cfg.layer.custom_config.title': 'cpconfig 的 custom_config（优先级最高）',
    'cfg.replicas.license': 'replicas_by_modality = {n}（来自 license 的 values.default_product_replicas）',
    'cfg.replicas.default': 'replicas_by_modality = {n}（默认值：license 未设置 default_product_replicas）',
    'cfg.productsSeen': '模板可引用的其他云产品：{list}',
    'cfg.input.values': 'values.yaml',
    'cfg.input.data_template': 'data_template',
    'cfg.input.config_crd': 'config CRD',
    'cfg.input.license': 'license',
    'cfg.input.custom_config': 'custom_config',
    'cfg.input.products': '其他云产品',
    'cfg.values.title': '最终配置值（每个叶子标出设置它的配置层）',
    'cfg.values.empty': '没有任何配置值。',
    'cfg.diff.title': '与 values.yaml 的差异',
    'cfg.diff.none': '与 values.yaml 没有差异。',
    'cfg.diff.col.kind': '变化',
    'cfg.diff.col.path': '路径',
    'cfg.diff.col.old': 'values.yaml',
    'cfg.diff.col.new': '最终值',
    'cfg.diff.added': '新增',
    'cfg.diff.changed': '修改',
    'cfg.diff.removed': '删除',
    'cfg.diff.unchanged': '未变',
    'cfg.diff.showUnchanged': '显示未变的值',
    'cfg.rendered.title': '渲染后的 _config_helpers.yaml.tpl',
    'cfg.rendered.hint': 'Mako 渲染后的模板，即平台读取的内容。',
  },
};

function initialLang() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    /* storage may be disabled */
  }
  const first = navigator.language || (navigator.languages && navigator.languages[0]) || 'en';
  return /^zh\b/i.test(first) ? 'zh' : 'en';
}

let lang = initialLang();
const listeners = new Set();

export function getLang() {
  return lang;
}

export function setLang(next) {
  if (next !== 'zh' && next !== 'en') return;
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* ignore */
  }
  for (const f of listeners) f(lang);
}

export function onLangChange(f) {
  listeners.add(f);
}

/** The string `key` in the current language, `{x}` filled from `vars`. */
export function t(key, vars = {}) {
  let s = DICT[lang][key];
  if (s === undefined) s = DICT.en[key];
  if (s === undefined) return key;
  if (typeof s === 'object') s = vars.n === 1 ? s.one : s.other;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** Whether `key` has a text (used for optional labels like rule groups). */
export function has(key) {
  return key in DICT.en;
}

/** Pick the language's variant of a bilingual pair from the report (`message`/`message_zh`). */
export function pick(en, zh) {
  if (lang === 'zh' && zh) return zh;
  return en ?? zh ?? '';
}

/** Fill every `[data-i18n]` (textContent), `[data-i18n-title]`, `[data-i18n-placeholder]` and
 * `[data-i18n-aria]` under `root`. */
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
}
