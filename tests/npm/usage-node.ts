// A Node program over the ecplint package, type-checked with `tsc --strict --noEmit` against
// the installed package with Node's types only (@types/node, no DOM lib), as a Node project is
// set up (tests/npm/package.test.mjs): the declarations must not need the DOM lib.

import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import init, { initSync, Workspace, kubeSchemas, valuesSchemaValidator, ruleDocs, type Diagnostic, type Report } from 'ecplint';

export async function main(path: string): Promise<number> {
  await init();
  await init('node_modules/ecplint/ecplint_bg.wasm');
  await init(pathToFileURL('node_modules/ecplint/ecplint_bg.wasm'));
  await init(await readFile('node_modules/ecplint/ecplint_bg.wasm'));
  await init(fetch('https://example.com/ecplint_bg.wasm'));
  initSync();
  initSync(await readFile('node_modules/ecplint/ecplint_bg.wasm'));

  const ws = new Workspace();
  ws.addArchive(path, await readFile(path));
  const schemas = await kubeSchemas('1.32.0');
  if (schemas !== undefined) ws.setKubeSchemas(schemas);
  if (ws.wantsValuesSchemaValidator()) ws.setValuesSchemaValidator(await valuesSchemaValidator());
  const report: Report = ws.check((done, total, name) => console.error(`${done}/${total} ${name}`), { lang: 'en' });
  const errors: Diagnostic[] = report.inputs.flatMap((i) => i.diagnostics).filter((d) => d.severity === 'error' && !d.suppressed);
  for (const d of errors) console.log(`${d.file}:${d.line ?? 0}: [${d.rule}] ${d.message}`);
  console.log((await ruleDocs())[0]?.docs.length);
  // @ts-expect-error: a Buffer is bytes, a number is not a file name
  ws.addArchive(path, 42);
  ws.free();
  return errors.length;
}
