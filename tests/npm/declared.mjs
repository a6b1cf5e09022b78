// Holds JSON values against the package's TypeScript declarations, read with the TypeScript
// compiler API from the installed package (tests/npm/package.test.mjs): every field a value has
// must be declared, with a type that admits its value (string literals: one of the listed
// words), and every required field declared must be there. Also records which declared fields
// the values exercised, so the test can say which were never seen.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The declared types `names` of package `pkg` as a project in `dir` resolves them (a probe file
 * importing them is written there). Returns { checker, types: { name: ts.Type } }.
 */
export function declaredTypes(dir, pkg, names) {
  const probe = join(dir, 'declared-probe.ts');
  writeFileSync(
    probe,
    `import type { ${names.join(', ')} } from '${pkg}';\n` +
      `import * as api from '${pkg}';\n` +
      `export interface Probe {\n${names.map((n) => `  ${n}: ${n};\n`).join('')}` +
      `  module: typeof api;\n  Workspace: InstanceType<typeof api.Workspace>;\n}\n`,
  );
  const program = ts.createProgram([probe], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (problems.length) throw new Error(`the declarations do not compile:\n${problems.join('\n')}`);
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(probe));
  const probeType = checker.getDeclaredTypeOfSymbol(checker.getExportsOfModule(module).find((s) => s.name === 'Probe'));
  const types = {};
  for (const n of names) types[n] = checker.getTypeOfSymbol(checker.getPropertyOfType(probeType, n));
  // The value exports of the module and the members of a Workspace, as declared.
  const members = (n) => checker.getPropertiesOfType(checker.getTypeOfSymbol(checker.getPropertyOfType(probeType, n))).map((p) => p.name).sort();
  return { checker, types, exports: members('module'), workspace: members('Workspace') };
}

const F = ts.TypeFlags;

/** Checks values against declared types; `seen` collects `Interface.field` names met. */
export class Conformance {
  constructor(checker) {
    this.checker = checker;
    this.found = new Map(); // problem → [where it was first found, how many samples had it]
    this.seen = new Set();
  }

  /** Record every problem of `value` (from `where`) against `type`, by path (array indices `[]`). */
  check(value, type, path, where) {
    for (const p of new Set(this.#problems(value, type, path))) {
      const [first, n] = this.found.get(p) ?? [where, 0];
      this.found.set(p, [first, n + 1]);
    }
  }

  /** The problems found, each with the first sample that had it. */
  get problems() {
    return [...this.found].map(([p, [where, n]]) => `${p}  (${where}${n > 1 ? ` and ${n - 1} more` : ''})`);
  }

  #name(type) {
    return this.checker.typeToString(type);
  }

  #problems(value, type, path) {
    if (type.flags & (F.Any | F.Unknown)) return [];
    if (type.isUnion()) {
      let best = null;
      for (const member of type.types) {
        const p = this.#problems(value, member, path);
        if (p.length === 0) return [];
        if (!best || p.length < best.length) best = p;
      }
      // Objects: the member that comes nearest says what differs; else the union's name.
      return value !== null && typeof value === 'object' && best ? best : [`${path}: ${show(value)} is not ${this.#name(type)}`];
    }
    const mismatch = () => [`${path}: ${show(value)} is not ${this.#name(type)}`];
    if (value === null) return type.flags & F.Null ? [] : mismatch();
    switch (typeof value) {
      case 'string':
        if (type.flags & (F.String | F.TemplateLiteral)) return [];
        return type.isStringLiteral() && type.value === value ? [] : mismatch();
      case 'number':
        if (type.flags & F.Number) return [];
        return type.isNumberLiteral() && type.value === value ? [] : mismatch();
      case 'boolean':
        if (type.flags & F.Boolean) return [];
        return type.flags & F.BooleanLiteral && type.intrinsicName === String(value) ? [] : mismatch();
      case 'object':
        break;
      default:
        return [`${path}: a ${typeof value} in JSON`];
    }
    if (Array.isArray(value)) {
      if (!this.checker.isArrayType(type)) return mismatch();
      const [element] = this.checker.getTypeArguments(type);
      return value.flatMap((v) => this.#problems(v, element, `${path}[]`));
    }
    if (!(type.flags & F.Object) || this.checker.isArrayType(type)) return mismatch();
    const out = [];
    const owner = type.aliasSymbol?.name ?? type.symbol?.name ?? '?';
    for (const [key, v] of Object.entries(value)) {
      const prop = this.checker.getPropertyOfType(type, key);
      let declared;
      if (prop) {
        declared = this.checker.getTypeOfSymbol(prop);
        this.seen.add(`${owner}.${key}`);
      } else {
        declared = this.checker.getIndexTypeOfType(type, ts.IndexKind.String);
        if (!declared) {
          out.push(`${path}.${key}: not declared in ${this.#name(type)}`);
          continue;
        }
      }
      out.push(...this.#problems(v, declared, `${path}.${key}`));
    }
    for (const prop of this.checker.getPropertiesOfType(type)) {
      if (!(prop.flags & ts.SymbolFlags.Optional) && !Object.hasOwn(value, prop.name)) {
        out.push(`${path}.${prop.name}: declared required in ${this.#name(type)}, absent`);
      }
    }
    return out;
  }

  /** Every optional or required field of the interfaces reachable from `types`, as `Interface.field`. */
  declaredFields(types) {
    const out = new Set();
    const visited = new Set();
    const walk = (type) => {
      if (visited.has(type)) return;
      visited.add(type);
      if (type.isUnion() || type.isIntersection()) return type.types.forEach(walk);
      if (this.checker.isArrayType(type)) return walk(this.checker.getTypeArguments(type)[0]);
      if (!(type.flags & F.Object)) return;
      const owner = type.aliasSymbol?.name ?? type.symbol?.name ?? '?';
      for (const prop of this.checker.getPropertiesOfType(type)) {
        out.add(`${owner}.${prop.name}`);
        walk(this.checker.getTypeOfSymbol(prop));
      }
      const index = this.checker.getIndexTypeOfType(type, ts.IndexKind.String);
      if (index) walk(index);
    };
    types.forEach(walk);
    return out;
  }
}

function show(value) {
  const s = JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
