import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveConnections } from './connect-to/resolve-connections.js';
import { loadDirectiveFileYaml } from './directives/read-directive-file.js';
import { resolveDirectives } from './directives/resolve-directives.js';
import { discoverConfigFile } from './discover-config-file.js';
import { stackNameFor, type ResolvedStack } from './resolved-stack.js';
import type { StackConfig } from './schema/stack-config.js';
import { checkSemantics } from './semantics/check-semantics.js';
import { checkStageName } from './stage-name.js';
import { validateStackConfig } from './validate/validate-stack-config.js';
import type { SourcePositions } from './yaml/config-positions.js';
import { parseConfigYaml } from './yaml/parse-config-yaml.js';

export interface LoadStackConfigOptions {
  cwd: string;
  /** `--config`: a file, or a directory holding stacktape.yml. */
  configPath?: string;
  stage: string;
  region: string;
  /** `--project-name`, if the CLI has one; otherwise serviceName or the directory name is used. */
  projectName?: string;
}

export interface LoadStackConfigResult {
  /** True when there are no error diagnostics (warnings allowed) and `resolved` is set. */
  ok: boolean;
  /** Absolute path of the config file, once found. */
  file?: string;
  /** The file's text, once read (the diagnostics printer draws code frames from it). */
  source?: string;
  resolved?: ResolvedStack;
  /** Config path → file:line:column, once the YAML parsed (compile uses it for its diagnostics). */
  positions?: SourcePositions;
  /** Every problem from every stage that could run, in source order. */
  diagnostics: Diagnostic[];
}

/**
 * discover → parse YAML → resolve directives → schema → semantic checks → connectTo.
 * Never throws for a user mistake: everything wrong comes back as diagnostics, all at once.
 */
export async function loadStackConfig(options: LoadStackConfigOptions): Promise<LoadStackConfigResult> {
  const discovered = discoverConfigFile({ cwd: options.cwd, ...(options.configPath !== undefined ? { configPath: options.configPath } : {}) });
  const diagnostics: Diagnostic[] = [...discovered.diagnostics];
  const stageProblem = checkStageName(options.stage);
  if (stageProblem) diagnostics.push(stageProblem);
  const file = discovered.file;
  if (!file) return { ok: false, diagnostics };

  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    diagnostics.push({
      code: 'STP_CONFIG_READ_FAILED',
      severity: 'error',
      message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    });
    return { ok: false, file, diagnostics };
  }
  return { ...(await loadStackConfigSource(source, file, options, diagnostics)), file, source };
}

/**
 * The pipeline after the file is read; separate so tests and benchmarks can run it on text.
 * `prior` carries diagnostics already found (discovery warnings, the stage check).
 */
export async function loadStackConfigSource(
  source: string,
  file: string,
  options: Pick<LoadStackConfigOptions, 'stage' | 'region' | 'projectName'>,
  prior: Diagnostic[] = [],
): Promise<{ ok: boolean; resolved?: ResolvedStack; positions?: SourcePositions; diagnostics: Diagnostic[] }> {
  const diagnostics = [...prior];
  let positions: SourcePositions | undefined;
  const finish = (resolved?: ResolvedStack) => {
    const sorted = sortDiagnostics(diagnostics);
    const ok = resolved !== undefined && !sorted.some((d) => d.severity === 'error');
    const placed = positions ? { positions } : {};
    return ok ? { ok, resolved, ...placed, diagnostics: sorted } : { ok: false, ...placed, diagnostics: sorted };
  };

  const parsed = await parseConfigYaml(source, file);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.diagnostics.length > 0) return finish();
  positions = parsed.positions;

  const positionOf = (path: readonly (string | number)[]) => parsed.positions.positionOf(path, 'value');
  const configDir = dirname(file);
  const raw = parsed.value;
  const variables =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).variables : undefined;

  // $File can only come from the config text; without it the yaml package is never needed.
  if (source.includes('$File')) await loadDirectiveFileYaml();
  const directives = resolveDirectives(raw, {
    stage: options.stage,
    region: options.region,
    configDir,
    file,
    variables,
    positionOf: (path) => positionOf(path),
  });
  diagnostics.push(...directives.diagnostics);

  const validation = validateStackConfig(directives.value, parsed.positions);
  // A directive that failed leaves its text in place; the schema rejecting that text (a number
  // field holding "$Varr().x") would only repeat the directive error at the same place.
  const failedDirectives = new Set(directives.diagnostics.flatMap((d) => (d.path ? [d.path.join('\u0000')] : [])));
  diagnostics.push(...validation.diagnostics.filter((d) => !d.path || !failedDirectives.has(d.path.join('\u0000'))));

  const semanticContext = {
    file,
    positionOf: (path: (string | number)[]) => positionOf(path),
    keyPositionOf: (path: (string | number)[]) => parsed.positions.positionOf(path, 'key'),
  };
  if (validation.config) {
    diagnostics.push(...checkSemantics(validation.config, semanticContext));
  } else if (isObject(directives.value)) {
    // The schema failed somewhere; still report reference and graph problems in the parts that
    // exist (the rules read defensively). Skip any that land where a schema error already is.
    diagnostics.push(...partialSemantics(directives.value, semanticContext, diagnostics));
  }

  if (!validation.config || diagnostics.some((d) => d.severity === 'error')) return finish();
  const config = validation.config;
  const resolved: ResolvedStack = {
    file,
    configDir,
    stage: options.stage,
    region: options.region,
    stackName: stackNameFor({
      stage: options.stage,
      configDir,
      ...(options.projectName !== undefined ? { projectName: options.projectName } : {}),
      ...(config.serviceName !== undefined ? { serviceName: config.serviceName } : {}),
    }),
    config,
    connections: resolveConnections(config),
  };
  return finish(resolved);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function partialSemantics(
  value: Record<string, unknown>,
  ctx: Parameters<typeof checkSemantics>[1],
  already: readonly Diagnostic[],
): Diagnostic[] {
  const taken = new Set(already.map((d) => (d.position ? `${d.position.line}:${d.position.column}` : '')));
  // Rules that read a resource the schema rejected would judge data it never accepted: skip
  // findings inside such resources, and reference findings when some resource's type is unknown.
  const failed = new Set<string>();
  let typeFailed = false;
  for (const d of already) {
    if (d.severity !== 'error' || d.path?.[0] !== 'resources' || d.path.length < 2) continue;
    failed.add(String(d.path[1]));
    if (d.path[2] === 'type' && d.path.length === 3) typeFailed = true;
  }
  let found: Diagnostic[];
  try {
    found = checkSemantics(value as unknown as StackConfig, ctx);
  } catch {
    // A rule tripped over a shape the schema already rejected; the schema errors say enough.
    return [];
  }
  return found.filter((d) => {
    if (d.position && taken.has(`${d.position.line}:${d.position.column}`)) return false;
    if (d.path?.[0] === 'resources' && failed.has(String(d.path[1]))) return false;
    return !(typeFailed && REFERENCE_CODES.has(d.code));
  });
}

/** Semantic findings that depend on other resources' types. */
const REFERENCE_CODES = new Set([
  'STP_CONFIG_UNKNOWN_REFERENCE',
  'STP_CONFIG_CANNOT_CONNECT_TO',
  'STP_CONFIG_UNKNOWN_RESOURCE_PARAM',
  'STP_CONFIG_UNKNOWN_LISTENER',
  'STP_CONFIG_STRATEGY_WITHOUT_ALB',
]);

/** Source order: unplaced diagnostics (no file position) first, then by line and column. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const pa = a.d.position;
      const pb = b.d.position;
      if (!pa && !pb) return a.i - b.i;
      if (!pa) return -1;
      if (!pb) return 1;
      return pa.line - pb.line || pa.column - pb.column || a.i - b.i;
    })
    .map(({ d }) => d);
}
