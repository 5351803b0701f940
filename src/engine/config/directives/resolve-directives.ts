import type { Diagnostic, SourcePosition } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { isRuntimeDirective } from './directive.js';
import type { DirectiveArg, RuntimeDirective, RuntimeDirectiveName } from './directive.js';
import {
  DIRECTIVE_ARITY,
  DIRECTIVE_USAGE,
  SUPPORTED_DIRECTIVES,
  UNSUPPORTED_DIRECTIVES,
  describeArity,
} from './directive-catalogue.js';
import { findDirectiveStarts, looksLikeDirective, parseDirectiveAt, parseWholeDirective } from './parse-directive.js';
import type { ArgNode, CallNode, DirectiveSyntaxError, ParseOptions } from './parse-directive.js';
import { DIRECTIVE_FILE_FORMATS, readDirectiveFile } from './read-directive-file.js';
import type { DirectiveFileResult } from './read-directive-file.js';

export type ConfigPath = (string | number)[];

export interface DirectiveContext {
  stage: string;
  region: string;
  /** `$File` paths are relative to this directory. */
  configDir: string;
  file: string;
  /** The raw `variables` map; it sits at `['variables']` in the config for positions. */
  variables: unknown;
  positionOf(path: ConfigPath): SourcePosition | undefined;
}

export interface ResolvedDirectives {
  value: unknown;
  diagnostics: Diagnostic[];
}

/**
 * Resolve every directive in a config value (as parsed from YAML): local directives become plain
 * values, runtime directives become `RuntimeDirective` objects. All problems are reported at once.
 */
export function resolveDirectives(value: unknown, ctx: DirectiveContext): ResolvedDirectives {
  const resolver = new DirectiveResolver(ctx, customDirectiveNames(value));
  const resolved = resolver.walk(value, []);
  return { value: resolved, diagnostics: resolver.diagnostics };
}

/** A failed evaluation; the diagnostic has already been reported. */
const FAILED: unique symbol = Symbol('directive evaluation failed');
type Outcome = unknown;

interface TextLocation {
  /** Config path of the YAML scalar the text came from. */
  path: ConfigPath;
  /** The scalar's text, to map offsets to columns. */
  text: string;
}

/** Directives whose result can be an object, so `.a.b` after them is a property path. */
const PATH_TAKING = new Set(['Var', 'File', 'Secret']);
const PARSE_OPTIONS: ParseOptions = {
  allowPath: (name) => PATH_TAKING.has(name) || !SUPPORTED_DIRECTIVES.includes(name),
};

function customDirectiveNames(root: unknown): Set<string> {
  const names = new Set<string>();
  if (isPlainObject(root) && Array.isArray(root.directives)) {
    for (const entry of root.directives) {
      if (isPlainObject(entry) && typeof entry.name === 'string') names.add(entry.name);
    }
  }
  return names;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (isRuntimeDirective(value)) return `the runtime directive ${value.source}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function countPlaceholders(template: string): number {
  return template.split('{}').length - 1;
}

function formatList(items: readonly string[]): string {
  return items.join(', ');
}

class DirectiveResolver {
  readonly diagnostics: Diagnostic[] = [];
  private readonly varMemo = new Map<string, { state: 'pending' } | { state: 'done'; value: Outcome }>();
  private readonly varStack: { key: string; path: string[] }[] = [];
  private readonly reportedCycles = new Set<string>();
  private readonly fileCache = new Map<string, DirectiveFileResult>();

  constructor(
    private readonly ctx: DirectiveContext,
    private readonly customNames: Set<string>,
  ) {}

  /**
   * `path` is one array pushed and popped along the walk (copying it at every node was most of
   * the walk's garbage); it is copied only where it is kept, for strings that may hold directives.
   */
  walk(value: unknown, path: ConfigPath): unknown {
    if (path.length === 1 && path[0] === 'variables' && value === this.ctx.variables) {
      const resolved = this.resolveVariableAt([]);
      return resolved === FAILED ? value : resolved;
    }
    if (typeof value === 'string') {
      if (!value.includes('$')) return value;
      const resolved = this.resolveString(value, [...path]);
      return resolved === FAILED ? value : resolved;
    }
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        out[i] = this.walk(value[i], path);
        path.pop();
      }
      return out;
    }
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        path.push(key);
        out[key] = this.walk(value[key], path);
        path.pop();
      }
      return out;
    }
    return value;
  }

  // ---- positions and reporting -------------------------------------------------------------

  /**
   * The source position of `offset` inside the scalar at `loc`. YAML gives the node's start; the
   * node's width tells a plain scalar (width = text length) from a quoted one (two more).
   * Multi-line or escaped scalars fall back to the node's start.
   */
  private positionAt(loc: TextLocation, offset: number, length?: number): SourcePosition | undefined {
    const base = this.ctx.positionOf(loc.path);
    if (!base) return undefined;
    let shift: number | undefined = 0;
    if (loc.text.includes('\n')) shift = undefined;
    else if (base.endColumn !== undefined && (base.endLine === undefined || base.endLine === base.line)) {
      const width = base.endColumn - base.column;
      shift = width === loc.text.length ? 0 : width === loc.text.length + 2 ? 1 : undefined;
    }
    if (shift === undefined) return base;
    const column = base.column + shift + offset;
    const position: SourcePosition = { file: base.file, line: base.line, column };
    if (length !== undefined && length > 0) {
      position.endLine = base.line;
      position.endColumn = column + length;
    }
    return position;
  }

  private report(
    code: string,
    message: string,
    loc: TextLocation,
    offset: number,
    length: number | undefined,
    expected: string,
    hint: string,
  ): typeof FAILED {
    const diagnostic: Diagnostic = { code, severity: 'error', message, path: loc.path, expected, hint };
    const position = this.positionAt(loc, offset, length);
    if (position) diagnostic.position = position;
    this.diagnostics.push(diagnostic);
    return FAILED;
  }

  private reportSyntax(error: DirectiveSyntaxError, loc: TextLocation): typeof FAILED {
    return this.report(
      'STP_CONFIG_DIRECTIVE_SYNTAX',
      `directive syntax error: ${error.message}`,
      loc,
      error.offset,
      1,
      error.expected,
      "directives are written $Name('text', 2, true, $Other()) with an optional .property.path",
    );
  }

  private reportAtNode(
    code: string,
    message: string,
    node: CallNode | ArgNode,
    loc: TextLocation,
    expected: string,
    hint: string,
  ): typeof FAILED {
    return this.report(code, message, loc, node.start, node.end - node.start, expected, hint);
  }

  // ---- strings -----------------------------------------------------------------------------

  private resolveString(text: string, path: ConfigPath): Outcome {
    if (!text.includes('$')) return text;
    const loc: TextLocation = { path, text };
    if (looksLikeDirective(text)) {
      const whole = parseWholeDirective(text, PARSE_OPTIONS);
      if (whole.ok) return this.evaluate(whole.node, loc);
      const leading = text.length - text.trimStart().length;
      const first = parseDirectiveAt(text, leading, PARSE_OPTIONS);
      // The first call itself is broken: a syntax error, not text around a directive.
      if (!first.ok) return this.reportSyntax(first.error, loc);
    }
    if (findDirectiveStarts(text).length === 0) return text;
    return this.resolveEmbedded(text, loc);
  }

  /**
   * Inside a longer string, `$name(` is only a directive when the name is one (supported, known
   * to Stacktape, declared under `directives`) or a likely misspelling of one: shell commands and
   * templates in a config (`awk '{print $NF($1)}'`) must stay as written.
   */
  private isDirectiveName(name: string): boolean {
    const known = [...SUPPORTED_DIRECTIVES, ...Object.keys(UNSUPPORTED_DIRECTIVES), ...this.customNames];
    return known.includes(name) || didYouMean(name, known) !== undefined;
  }

  /** `"img-$Stage()-$Region()"`: text with directives inside it. */
  private resolveEmbedded(text: string, loc: TextLocation): Outcome {
    const parts: ({ literal: string } | { value: unknown; node: CallNode })[] = [];
    let cursor = 0;
    let failed = false;
    for (const start of findDirectiveStarts(text)) {
      if (start < cursor) continue; // inside a directive already parsed (a nested call)
      if (!this.isDirectiveName(/^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(start))![1]!)) continue;
      const parsed = parseDirectiveAt(text, start, PARSE_OPTIONS);
      if (!parsed.ok) return this.reportSyntax(parsed.error, loc);
      if (start > cursor) parts.push({ literal: text.slice(cursor, start) });
      const value = this.evaluate(parsed.node, loc);
      if (value === FAILED) failed = true;
      else if (!isScalar(value) && !isRuntimeDirective(value)) {
        this.reportAtNode(
          'STP_CONFIG_DIRECTIVE_TYPE',
          `${text.slice(start, parsed.end)} gives ${describeValue(value)}, which cannot be placed inside a longer string`,
          parsed.node,
          loc,
          'a directive that gives text, a number or a boolean',
          'point the directive at a single value (e.g. add a property path such as .name), or use it as the whole value',
        );
        failed = true;
      } else parts.push({ value, node: parsed.node });
      cursor = parsed.end;
    }
    if (failed) return FAILED;
    if (cursor < text.length) parts.push({ literal: text.slice(cursor) });

    const hasRuntime = parts.some((p) => 'value' in p && isRuntimeDirective(p.value));
    if (!hasRuntime) {
      return parts.map((p) => ('literal' in p ? p.literal : String(p.value))).join('');
    }
    // Any runtime part turns the whole string into a $CfFormat (Fn::Sub) with `{}` placeholders.
    let template = '';
    const args: DirectiveArg[] = [];
    for (const part of parts) {
      // Literal text with `{}` in it goes in as an argument, so it is not taken for a placeholder.
      if ('literal' in part) {
        if (part.literal.includes('{}')) {
          template += '{}';
          args.push(part.literal);
        } else template += part.literal;
      } else if (isRuntimeDirective(part.value) || String(part.value).includes('{}')) {
        template += '{}';
        args.push(part.value as DirectiveArg);
      } else template += String(part.value);
    }
    return this.runtime('CfFormat', [template, ...args], [], text, loc, 0, text.length);
  }

  private runtime(
    name: RuntimeDirectiveName,
    args: DirectiveArg[],
    path: string[],
    source: string,
    loc: TextLocation,
    offset: number,
    length: number,
  ): RuntimeDirective {
    const directive: RuntimeDirective = { kind: 'directive', name, args, path, source };
    const position = this.positionAt(loc, offset, length);
    if (position) directive.position = position;
    return directive;
  }

  // ---- evaluation --------------------------------------------------------------------------

  private evaluate(node: CallNode, loc: TextLocation): Outcome {
    const name = node.name;
    const nameNode = { ...node, end: node.start + 1 + name.length };
    if (!SUPPORTED_DIRECTIVES.includes(name)) return this.reportUnsupportedOrUnknown(name, nameNode, loc);

    const [min, max] = DIRECTIVE_ARITY[name] ?? [0, Infinity];
    if (node.args.length < min || node.args.length > max) {
      return this.reportAtNode(
        'STP_CONFIG_DIRECTIVE_ARGUMENTS',
        `$${name}() takes ${describeArity(name)}, got ${node.args.length}`,
        node,
        loc,
        DIRECTIVE_USAGE[name]!,
        `write it as ${DIRECTIVE_USAGE[name]}`,
      );
    }
    if (name === 'Var' && node.path.length === 0) {
      return this.reportAtNode(
        'STP_CONFIG_DIRECTIVE_ARGUMENTS',
        '$Var() needs a property path naming the variable',
        node,
        loc,
        DIRECTIVE_USAGE.Var!,
        'name the variable after the call, e.g. $Var().domain',
      );
    }

    const args: unknown[] = [];
    let failed = false;
    for (const arg of node.args) {
      const value = arg.kind === 'call' ? this.evaluate(arg, loc) : arg.value;
      if (value === FAILED) failed = true;
      args.push(value);
    }
    if (failed) return FAILED;
    const source = loc.text.slice(node.start, node.end);

    switch (name) {
      case 'Stage':
        return this.applyPath(this.ctx.stage, node, loc, '$Stage()');
      case 'Region':
        return this.applyPath(this.ctx.region, node, loc, '$Region()');
      case 'Var':
        return this.lookupVariable(node, loc);
      case 'File': {
        const file = this.requireString(args, 0, node, loc, 'the file path');
        if (file === FAILED) return FAILED;
        return this.readFile(file, node, loc);
      }
      case 'Format':
      case 'CfFormat': {
        const template = this.requireString(args, 0, node, loc, 'the format template');
        if (template === FAILED) return FAILED;
        const placeholders = countPlaceholders(template);
        if (placeholders !== args.length - 1) {
          return this.reportAtNode(
            'STP_CONFIG_FORMAT_ARG_COUNT',
            `$${name}() template "${template}" has ${placeholders} {} placeholder${placeholders === 1 ? '' : 's'} but ${args.length - 1} value${args.length - 1 === 1 ? '' : 's'} follow it`,
            node,
            loc,
            `${placeholders} value${placeholders === 1 ? '' : 's'} after the template (one per {})`,
            'every {} in the template takes the next argument, in order',
          );
        }
        for (let i = 1; i < args.length; i++) {
          const value = args[i];
          const argNode = node.args[i]!;
          if (name === 'Format' && isRuntimeDirective(value)) {
            this.reportAtNode(
              'STP_CONFIG_RUNTIME_IN_LOCAL_DIRECTIVE',
              `$Format() is resolved when the config loads, but argument ${i + 1} (${value.source}) is only known at deploy time`,
              argNode,
              loc,
              'text, numbers or local directives ($Stage, $Region, $Var, $File) inside $Format',
              `use $CfFormat(...) instead: ${source.replace(/^\$Format\(/, '$CfFormat(')}`,
            );
            failed = true;
          } else if (!isScalar(value) && !isRuntimeDirective(value)) {
            this.reportAtNode(
              'STP_CONFIG_DIRECTIVE_ARGUMENTS',
              `argument ${i + 1} of $${name}() is ${describeValue(value)}; it must be text, a number or a boolean`,
              argNode,
              loc,
              'a value that can be placed in the text',
              'add a property path that picks a single value, e.g. $Var().db.host',
            );
            failed = true;
          }
        }
        if (failed) return FAILED;
        if (name === 'CfFormat') {
          return this.runtime('CfFormat', args as DirectiveArg[], node.path, source, loc, node.start, source.length);
        }
        let i = 1;
        return template.replace(/\{\}/g, () => String(args[i++]));
      }
      case 'ResourceParam':
      case 'CfResourceParam':
      case 'Secret': {
        const strings: string[] = [];
        for (let i = 0; i < args.length; i++) {
          const what =
            name === 'Secret' ? 'the secret name' : i === 0 ? (name === 'ResourceParam' ? 'the resource name' : 'the logical ID') : (name === 'ResourceParam' ? 'the parameter name' : 'the attribute name');
          const value = this.requireString(args, i, node, loc, what);
          if (value === FAILED) failed = true;
          else strings.push(value);
        }
        if (failed) return FAILED;
        return this.runtime(name, strings, node.path, source, loc, node.start, source.length);
      }
      default:
        return this.reportUnsupportedOrUnknown(name, nameNode, loc);
    }
  }

  private requireString(
    args: unknown[],
    index: number,
    node: CallNode,
    loc: TextLocation,
    what: string,
  ): string | typeof FAILED {
    const value = args[index];
    if (typeof value === 'string') return value;
    const argNode = node.args[index]!;
    if (isRuntimeDirective(value)) {
      return this.reportAtNode(
        'STP_CONFIG_RUNTIME_IN_LOCAL_DIRECTIVE',
        `${what} of $${node.name}() must be known when the config loads, but ${value.source} is only known at deploy time`,
        argNode,
        loc,
        'a quoted string or a local directive ($Stage, $Region, $Var, $Format, $File)',
        'only $CfFormat can combine deploy-time values; use it, or a plain value here',
      );
    }
    return this.reportAtNode(
      'STP_CONFIG_DIRECTIVE_ARGUMENTS',
      `${what} of $${node.name}() must be a quoted string, got ${describeValue(value)}`,
      argNode,
      loc,
      DIRECTIVE_USAGE[node.name] ?? 'a quoted string',
      'write the argument as a quoted string',
    );
  }

  private reportUnsupportedOrUnknown(name: string, nameNode: CallNode, loc: TextLocation): typeof FAILED {
    const workaround = UNSUPPORTED_DIRECTIVES[name];
    if (workaround !== undefined) {
      return this.reportAtNode(
        'STP_CONFIG_UNSUPPORTED_DIRECTIVE',
        `$${name}() is a Stacktape directive that stp does not support yet`,
        nameNode,
        loc,
        `one of the supported directives: ${formatList(SUPPORTED_DIRECTIVES.map((n) => `$${n}`))}`,
        workaround,
      );
    }
    if (this.customNames.has(name)) {
      return this.reportAtNode(
        'STP_CONFIG_UNSUPPORTED_DIRECTIVE',
        `$${name}() is a custom directive (declared under \`directives\`); stp does not run custom directives yet`,
        nameNode,
        loc,
        `one of the built-in directives: ${formatList(SUPPORTED_DIRECTIVES.map((n) => `$${n}`))}`,
        'compute the value before deploying and pass it in through `variables`',
      );
    }
    const suggestion = didYouMean(name, [...SUPPORTED_DIRECTIVES, ...Object.keys(UNSUPPORTED_DIRECTIVES)]);
    const hint =
      suggestion === undefined
        ? 'directive names are case-sensitive; stp has no custom directives'
        : SUPPORTED_DIRECTIVES.includes(suggestion)
          ? `did you mean $${suggestion}()?`
          : `did you mean $${suggestion}()? (stp does not support it yet)`;
    return this.reportAtNode(
      'STP_CONFIG_UNKNOWN_DIRECTIVE',
      `unknown directive $${name}()`,
      nameNode,
      loc,
      `one of: ${formatList(SUPPORTED_DIRECTIVES.map((n) => `$${n}`))}`,
      hint,
    );
  }

  /** Follow `.a.b` after a local directive's value. Runtime values keep the rest as their path. */
  private applyPath(value: unknown, node: CallNode, loc: TextLocation, what: string, segments = node.path): Outcome {
    let current = value;
    for (let i = 0; i < segments.length; i++) {
      if (isRuntimeDirective(current)) {
        return { ...current, path: [...current.path, ...segments.slice(i)] };
      }
      const seg = segments[i]!;
      const walked = segments.slice(0, i).map((s) => `.${s}`).join('');
      if (isPlainObject(current) && Object.hasOwn(current, seg)) {
        current = current[seg];
        continue;
      }
      if (Array.isArray(current) && /^\d+$/.test(seg) && Number(seg) < current.length) {
        current = current[Number(seg)];
        continue;
      }
      const keys = isPlainObject(current) ? Object.keys(current) : Array.isArray(current) ? current.map((_, k) => String(k)) : [];
      const suggestion = didYouMean(seg, keys);
      return this.reportAtNode(
        'STP_CONFIG_DIRECTIVE_PATH_NOT_FOUND',
        `${what}${walked} has no property "${seg}"${keys.length === 0 ? ` (it is ${describeValue(current)})` : ''}`,
        node,
        loc,
        keys.length > 0 ? `one of: ${formatList(keys)}` : 'no property path after this directive',
        suggestion ? `did you mean .${suggestion}?` : keys.length > 0 ? `use one of: ${formatList(keys)}` : 'remove the property path',
      );
    }
    return current;
  }

  private readFile(file: string, node: CallNode, loc: TextLocation): Outcome {
    let result = this.fileCache.get(file);
    if (!result) {
      result = readDirectiveFile(this.ctx.configDir, file);
      this.fileCache.set(file, result);
    }
    if (!result.ok) {
      const code =
        result.reason === 'not-found'
          ? 'STP_CONFIG_FILE_NOT_FOUND'
          : result.reason === 'unsupported-format'
            ? 'STP_CONFIG_FILE_FORMAT'
            : 'STP_CONFIG_FILE_PARSE';
      return this.reportAtNode(
        code,
        result.message,
        node.args[0] ?? node,
        loc,
        result.reason === 'unsupported-format'
          ? DIRECTIVE_FILE_FORMATS
          : result.reason === 'not-found'
            ? 'a readable file path relative to the config directory'
            : `a file with valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}`,
        result.reason === 'not-found'
          ? `paths are relative to the config's directory (${this.ctx.configDir})`
          : result.reason === 'unsupported-format'
            ? 'convert the file to JSON, YAML or dotenv'
            : 'fix the syntax error in that file',
      );
    }
    return this.applyPath(result.value, node, loc, `$File('${file}')`);
  }

  // ---- variables ---------------------------------------------------------------------------

  private lookupVariable(node: CallNode, loc: TextLocation): Outcome {
    const segments = node.path;
    let raw: unknown = this.ctx.variables;
    for (let i = 0; i < segments.length; i++) {
      if (typeof raw === 'string' && raw.includes('$')) {
        const resolved = this.resolveVariableAt(segments.slice(0, i), node, loc);
        if (resolved === FAILED) return FAILED;
        return this.applyPath(resolved, node, loc, `$Var().${segments.slice(0, i).join('.')}`, segments.slice(i));
      }
      const seg = segments[i]!;
      let next: unknown;
      let found = false;
      if (isPlainObject(raw) && Object.hasOwn(raw, seg)) {
        next = raw[seg];
        found = true;
      } else if (Array.isArray(raw) && /^\d+$/.test(seg) && Number(seg) < raw.length) {
        next = raw[Number(seg)];
        found = true;
      }
      if (!found) {
        const keys = isPlainObject(raw) ? Object.keys(raw) : [];
        const name = segments.slice(0, i + 1).join('.');
        const suggestion = didYouMean(seg, keys);
        const parent = segments.slice(0, i).join('.');
        return this.reportAtNode(
          'STP_CONFIG_UNKNOWN_VARIABLE',
          i === 0
            ? `variable "${name}" is not defined under \`variables\``
            : `variable "${parent}" has no property "${seg}"`,
          node,
          loc,
          keys.length > 0 ? `one of: ${formatList(keys)}` : i === 0 ? 'a key defined under `variables`' : `"${parent}" is ${describeValue(raw)}`,
          suggestion
            ? `did you mean $Var().${[...segments.slice(0, i), suggestion].join('.')}?`
            : i === 0
              ? `define "${seg}" under \`variables\``
              : `add "${seg}" to variable "${segments.slice(0, i).join('.')}"`,
        );
      }
      raw = next;
    }
    return this.resolveVariableAt(segments, node, loc);
  }

  private rawVariableAt(path: string[]): unknown {
    let raw: unknown = this.ctx.variables;
    for (const seg of path) {
      if (isPlainObject(raw)) raw = raw[seg];
      else if (Array.isArray(raw)) raw = raw[Number(seg)];
      else return undefined;
    }
    return raw;
  }

  /**
   * The resolved value of `variables.<path>`, memoised. A variable may use directives, including
   * `$Var()`, so a reference that comes back to a variable still being resolved is a cycle.
   */
  private resolveVariableAt(path: string[], refNode?: CallNode, refLoc?: TextLocation): Outcome {
    const key = JSON.stringify(path);
    const memo = this.varMemo.get(key);
    if (memo?.state === 'done') return memo.value;
    if (memo?.state === 'pending') {
      const from = this.varStack.findIndex((entry) => entry.key === key);
      const members = this.varStack.slice(from).map((entry) => entry.path.join('.'));
      const cycleKey = [...members].sort().join('\u0000');
      if (!this.reportedCycles.has(cycleKey) && refNode && refLoc) {
        this.reportedCycles.add(cycleKey);
        const chain = [...members, path.join('.')].map((m) => m || '(all variables)').join(' → ');
        this.reportAtNode(
          'STP_CONFIG_VAR_CYCLE',
          `variables refer to each other in a cycle: ${chain}`,
          refNode,
          refLoc,
          'variables that do not depend on themselves',
          'replace one $Var() in the cycle with the value itself',
        );
      }
      return FAILED;
    }
    this.varMemo.set(key, { state: 'pending' });
    this.varStack.push({ key, path });
    const raw = this.rawVariableAt(path);
    let value: Outcome;
    if (typeof raw === 'string') {
      value = this.resolveString(raw, ['variables', ...path]);
    } else if (Array.isArray(raw)) {
      value = raw.map((item, i) => {
        const resolved = this.resolveVariableAt([...path, String(i)]);
        return resolved === FAILED ? item : resolved;
      });
    } else if (isPlainObject(raw)) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(raw)) {
        const resolved = this.resolveVariableAt([...path, k]);
        out[k] = resolved === FAILED ? item : resolved;
      }
      value = out;
    } else value = raw;
    this.varStack.pop();
    this.varMemo.set(key, { state: 'done', value });
    return value;
  }
}
