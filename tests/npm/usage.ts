// A program over the whole API of the ecplint package, type-checked with `tsc --strict --noEmit`
// against the installed package's declarations (tests/npm/package.test.mjs). Not run: it shows
// that the declarations describe what the README says, and the `@ts-expect-error` lines that
// they are not loose (each must be an error, or tsc fails).

import init, {
  initSync,
  Workspace,
  rules,
  version,
  KUBE_VERSIONS,
  kubeSchemas,
  kubeSchemasFile,
  valuesSchemaValidator,
  ruleDocs,
  type CheckOptions,
  type ConfigPreview,
  type Diagnostic,
  type Report,
  type RenderResult,
  type Severity,
} from 'ecplint';
import 'ecplint/example';

export async function main(archive: Uint8Array, wasm: ArrayBuffer): Promise<number> {
  await init();
  await init(new URL('https://example.com/ecplint_bg.wasm'));
  await init(wasm);
  await init({ module_or_path: fetch('ecplint_bg.wasm') });
  initSync(wasm);
  initSync({ module: new WebAssembly.Module(wasm) });

  const v: string = version();
  const ws = new Workspace();
  ws.addArchive('chart.tgz', archive);
  ws.addArchive('buffer.tgz', new ArrayBuffer(8));
  ws.addFolder('proj', ['proj/Makefile'], [new TextEncoder().encode('all:\n')]);
  const n: number = ws.length;

  for (const v of ws.configuredKubeVersions().split(',').filter(Boolean)) {
    const text = await kubeSchemas(v);
    if (text !== undefined) ws.setKubeSchemas(text);
  }
  const schemas = await kubeSchemas('1.32.0');
  if (schemas !== undefined) {
    const minor: string = ws.setKubeSchemas(schemas);
    console.log(minor, kubeSchemasFile(), KUBE_VERSIONS[0]);
  }
  if (ws.wantsValuesSchemaValidator()) {
    const validate = await valuesSchemaValidator();
    const result = validate('{"type":"object"}', '{}');
    const broken: number | null | undefined = result.broken?.line;
    console.log(result.violations.map((x) => x.en + x.zh + x.instance), broken);
    ws.setValuesSchemaValidator(validate);
  }

  const options: CheckOptions = {
    lang: 'zh',
    categories: ['compute'],
    kubeVersion: '1.31.0',
    inlineSuppressions: false,
    chartValues: [{ root: 'proj/chart/app', values: ['a: 1', { name: 'prod.yaml', text: 'b: 2' }], set: ['x=1'], setString: ['y=2'] }],
  };
  const report: Report = ws.check((done: number, total: number, inputName: string) => console.log(done, total, inputName), options);
  ws.check();
  ws.check(null, { lang: 'en' });

  const schema: 1 = report.schema;
  const counts: number = report.summary.errors + report.summary.warnings + report.summary.infos + report.summary.suppressed;
  const baselined: number = report.summary.baselined ?? 0;
  for (const input of report.inputs) {
    const unreadable: boolean = input.unreadable;
    const sizes: number = input.files.reduce((sum, f) => sum + f.size, 0);
    for (const chart of input.charts) {
      const cpu: number | undefined = chart.resources?.cpu_m;
      const source: 'computed' | 'declared' | 'exempt' | undefined = chart.resources?.source;
      const items = chart.resources?.items.map((i) => `${i.path} ${i.file}:${i.line} ${i.cpu_m}m ${i.memory_mi}Mi`);
      const kinds: Record<string, number> | undefined = chart.manifests?.kinds;
      const failed: string[] = chart.manifests?.failed ?? [];
      const workloads = chart.rendered_resources?.workloads.map((w) => `${w.kind}/${w.name} ×${w.replicas}`);
      const images = (chart.images ?? []).map((i) => `${i.registry}/${i.repository}:${i.tag} ${i.object} ${i.container} ${i.init}`);
      const member = chart.navigation?.roles.member.map((item) => `${item.level} ${item.key} ${item.name['zh-cn'] ?? item.name.en}`);
      const hidden = chart.navigation?.hidden.map((h) => h.reason);
      const layers = chart.config?.layers;
      console.log(unreadable, sizes, chart.name, chart.version, chart.root, chart.subcharts, cpu, source, items, kinds, failed, workloads, images, member, hidden, layers);
    }
    for (const d of input.diagnostics) show(d);
  }

  const text: string | undefined = ws.source(0, 'chart/Chart.yaml');
  const bytes: Uint8Array | undefined = ws.bytes(0, 'chart/Chart.yaml');

  const config: ConfigPreview | undefined = ws.config(0, 'app', { license: 'data: {}\n', licenseName: 'license.yaml', configCrd: '', custom: '', products: '' });
  if (config) {
    for (const p of config.provenance) console.log(p.path, p.keys.join('.'), p.layer, p.file, p.line);
    for (const e of config.diff) console.log(e.kind, e.old, e.new, e.layer);
    for (const e of config.errors) console.log(e.severity, e.input, e.message_zh, e.help);
    console.log(config.values, config.rendered_template, config.replicas_by_modality, config.replicas_from_license, config.products, config.sources);
  }

  const html: string = ws.preview(null, 'author', 'zh-cn', { stylesheet: 'preview.css' });
  ws.preview(0, 'member', 'en');

  const rendered: RenderResult | undefined = ws.render(0, 'app', {
    values: ['replicas: 2', { name: 'prod.yaml', text: 'x: 1' }],
    set: ['image.tag=1.2.3'],
    setString: ['build=0042'],
    releaseName: 'r',
    namespace: 'ns',
    kubeVersion: '1.31.0',
    apiVersions: ['monitoring.coreos.com/v1'],
    showOnly: [],
    includeCrds: false,
    noHooks: false,
    seed: 1,
    now: Date.now(),
    lang: 'zh-cn',
    sourceMap: 'compact',
  });
  ws.render(0);
  ws.render(0, null, null);
  if (rendered) {
    for (const doc of rendered.documents) {
      const hook: string | null = doc.hook;
      console.log(doc.apiVersion, doc.kind, doc.name, doc.namespace, doc.source, doc.text, hook, doc.origins?.length);
      for (const line of doc.lines ?? []) console.log(line.template, line.line, line.col, line.chain.length);
    }
    for (const e of rendered.errors) console.log(e.template, e.message, e.helm, e.at.line, e.chain);
    const fatal: string | null = rendered.fatal;
    console.log(fatal, rendered.warnings, rendered.missingDependencies, rendered.notRendered, rendered.templates, rendered.chains);
  }

  for (const rule of rules()) {
    const severities: Severity[] = rule.severities;
    console.log(rule.id, rule.group, rule.severity, severities, rule.title_en, rule.title_zh, rule.section, rule.scope, rule.docs);
  }
  const docs = await ruleDocs();
  console.log(docs[0]?.docs, docs[0]?.title);
  const docsHtml = await ruleDocs('html');
  console.log(docsHtml[0]?.en, docsHtml[0]?.zh);

  // The declarations are not loose: each of these must be a type error.
  // @ts-expect-error: a report has no such field
  console.log(report.nope);
  // @ts-expect-error: no such language
  ws.check(null, { lang: 'fr' });
  // @ts-expect-error: unknown check option
  ws.check(null, { language: 'en' });
  // @ts-expect-error: the name must be a string
  ws.addArchive(1, archive);
  // @ts-expect-error: a severity is one of three words
  const wrong: Severity = 'fatal';
  // @ts-expect-error: no such view
  ws.preview(null, 'root', 'en');
  // @ts-expect-error: length is read-only
  ws.length = 3;
  // @ts-expect-error: source may be undefined
  const sure: string = ws.source(0, 'x');
  // @ts-expect-error: ruleDocs('html') gives HTML, not Markdown
  console.log(docsHtml[0]?.docs);

  ws.clear();
  ws.free();
  console.log(v, n, schema, counts, baselined, text, bytes, html, wrong, sure);
  return report.summary.errors > 0 ? 1 : 0;
}

function show(d: Diagnostic): string {
  const place = d.line !== undefined ? `${d.file}:${d.line}:${d.column}-${d.end_line}:${d.end_column}` : d.file ?? '';
  const silenced = d.suppressed ? ` (suppressed${d.suppressed.kind === 'baseline' ? ' by the baseline' : ''}: ${d.suppressed.reason})` : '';
  const configured = d.configured ? ` (${d.configured.rule_severity} by ${d.configured.config})` : '';
  return `${place}: ${d.severity}[${d.rule}] ${d.message} / ${d.message_zh} ${d.help ?? ''} ${d.help_zh ?? ''} ${d.chart ?? ''}${silenced}${configured}`;
}

// The web component: `document.querySelector` knows the element and its findings.
export function exampleFindings(): string[] {
  const example = document.querySelector('ecplint-example');
  // @ts-expect-error: findings may not be there yet (null before the first check)
  example?.diagnostics.length;
  return (example?.diagnostics ?? []).map((d: Diagnostic) => `${d.rule}@${d.line ?? 0}`);
}
