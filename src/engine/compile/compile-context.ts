import path from 'node:path';
import type { Diagnostic, DiagnosticSeverity } from '../diagnostics/diagnostic.js';
import { isRuntimeDirective, type RuntimeDirective } from '../config/directives/directive.js';
import type { AssetSpec, CfnOutput, CfnResource, CfnValue } from './compile-contract.js';
import { logicalNames, type LogicalNames } from './logical-names.js';
import type { ResourceCompiler, ResourceView } from './resource-compiler.js';
import type { StackInput } from './stack-input.js';
import { UNSUPPORTED_CODE, unsupportedMessage } from './capabilities/unsupported-constructs.js';

export type ConfigPath = (string | number)[];

/**
 * Turns one runtime directive into a CloudFormation value (compile-data's
 * src/engine/compile/intrinsics/directive-to-intrinsic.ts). It may call back into the context
 * (`referenceParam`, `addDiagnostic`) and must return a value even after reporting a problem.
 */
export type DirectiveTranslator = (directive: RuntimeDirective, ctx: CompileContext, at: ConfigPath) => CfnValue;

export interface DiagnosticInput {
  code: string;
  message: string;
  path: ConfigPath;
  severity?: DiagnosticSeverity;
  expected?: string;
  hint?: string;
}

export { UNSUPPORTED_CODE } from './capabilities/unsupported-constructs.js';

/**
 * The API per-type compilers use. A compiler adds what its resource needs and never builds or
 * edits the template as a whole; stack-wide steps (tags, merge, overrides, outputs, sorting) are
 * compile-stack's.
 */
export interface CompileContext {
  readonly stack: StackInput;
  readonly names: LogicalNames;

  /** The config resource `name`, or undefined when the config has none. */
  resource(name: string): ResourceView | undefined;
  /** Every config resource, sorted by name. */
  resources(): ResourceView[];

  /** Adds a resource; a duplicate logical id is a diagnostic (at `at`) and the first one stays. */
  addResource(logicalId: string, resource: CfnResource, at?: ConfigPath): boolean;
  hasResource(logicalId: string): boolean;
  /** A resource added earlier, for a compiler that must amend one (e.g. add a DependsOn). */
  getResource(logicalId: string): CfnResource | undefined;
  addOutput(name: string, output: CfnOutput): void;
  addParameter(name: string, definition: Record<string, unknown>): void;
  /** Adds an asset; the same id twice is kept once. */
  addAsset(asset: AssetSpec): void;

  addDiagnostic(diagnostic: DiagnosticInput): void;
  /** `STP_COMPILE_UNSUPPORTED` at `at`: names the construct stp cannot compile yet. */
  unsupported(at: ConfigPath, what: string, hint?: string): void;

  /** Deep-converts runtime directives to intrinsics; other values are copied as they are. */
  resolveValue(value: unknown, at: ConfigPath): CfnValue;
  /**
   * `$ResourceParam(resourceName, param)` as a CloudFormation value, from the referenced type's
   * declared params. Unknown resource or param: a diagnostic at `at` (listing the valid params) and
   * undefined.
   */
  referenceParam(resourceName: string, param: string, at?: ConfigPath): CfnValue | undefined;
  /** The params a resource type declares, sorted. */
  referenceableParams(type: string): string[];

  /** Builds a stack-wide construct once (the ECS cluster, the script runner, VPC parameters). */
  once<T>(key: string, build: () => T): T;
  /** Runs after every resource is compiled and raw resources are merged (e.g. DependsOn all). */
  addFinalizer(run: (resources: Record<string, CfnResource>) => void): void;
  /** A config-relative file path made absolute. */
  absolutePath(file: string): string;
}

export class StackCompileContext implements CompileContext {
  readonly names = logicalNames;
  readonly resourcesOut: Record<string, CfnResource> = {};
  readonly outputs: Record<string, CfnOutput> = {};
  readonly parameters: Record<string, Record<string, unknown>> = {};
  readonly assets: AssetSpec[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly finalizers: ((resources: Record<string, CfnResource>) => void)[] = [];
  /** Logical id → the config resource it was compiled for (from the `at` path given to addResource). */
  readonly owners = new Map<string, string>();
  private readonly shared = new Map<string, unknown>();

  constructor(
    readonly stack: StackInput,
    private readonly compilers: Readonly<Record<string, ResourceCompiler>>,
    private readonly translateDirective: DirectiveTranslator,
  ) {}

  // Views are built once: compilers look resources up many times (connectTo, events, security groups).
  private views: Map<string, ResourceView> | undefined;
  private sortedViews: ResourceView[] | undefined;

  private allViews(): Map<string, ResourceView> {
    if (!this.views) {
      this.views = new Map();
      for (const name of Object.keys(this.stack.resources).sort()) {
        const r = this.stack.resources[name];
        if (r) this.views.set(name, { name, type: r.type, properties: r.properties ?? {}, path: ['resources', name] });
      }
      this.sortedViews = [...this.views.values()];
    }
    return this.views;
  }

  resource(name: string): ResourceView | undefined {
    return this.allViews().get(name);
  }

  resources(): ResourceView[] {
    this.allViews();
    return [...(this.sortedViews ?? [])];
  }

  addResource(logicalId: string, resource: CfnResource, at?: ConfigPath): boolean {
    if (Object.hasOwn(this.resourcesOut, logicalId)) {
      this.addDiagnostic({
        code: 'STP_COMPILE_DUPLICATE_LOGICAL_ID',
        message: `Two resources compile to the same CloudFormation logical id "${logicalId}".`,
        path: at ?? ['resources'],
        hint: 'rename one of the resources',
      });
      return false;
    }
    this.resourcesOut[logicalId] = resource;
    if (at && at[0] === 'resources' && typeof at[1] === 'string') this.owners.set(logicalId, at[1]);
    return true;
  }

  hasResource(logicalId: string): boolean {
    return Object.hasOwn(this.resourcesOut, logicalId);
  }

  getResource(logicalId: string): CfnResource | undefined {
    return Object.hasOwn(this.resourcesOut, logicalId) ? this.resourcesOut[logicalId] : undefined;
  }

  addOutput(name: string, output: CfnOutput): void {
    this.outputs[name] = output;
  }

  addParameter(name: string, definition: Record<string, unknown>): void {
    this.parameters[name] = definition;
  }

  addAsset(asset: AssetSpec): void {
    if (!this.assets.some((a) => a.id === asset.id)) this.assets.push(asset);
  }

  addDiagnostic(d: DiagnosticInput): void {
    const position = this.stack.positionOf?.(d.path);
    const diagnostic: Diagnostic = {
      code: d.code,
      severity: d.severity ?? 'error',
      message: d.message,
      path: d.path,
    };
    if (position) diagnostic.position = position;
    if (d.expected !== undefined) diagnostic.expected = d.expected;
    if (d.hint !== undefined) diagnostic.hint = d.hint;
    this.diagnostics.push(diagnostic);
  }

  unsupported(at: ConfigPath, what: string, hint?: string): void {
    this.addDiagnostic({
      code: UNSUPPORTED_CODE,
      message: unsupportedMessage(what),
      path: at,
      ...(hint !== undefined ? { hint } : {}),
    });
  }

  resolveValue(value: unknown, at: ConfigPath): CfnValue {
    if (isRuntimeDirective(value)) return this.translateDirective(value, this, at);
    return this.resolveAt(value, [...at]);
  }

  /** One mutable path for the walk, copied only where a directive is translated. */
  private resolveAt(value: unknown, path: (string | number)[]): CfnValue {
    if (isRuntimeDirective(value)) return this.translateDirective(value, this, [...path]);
    if (Array.isArray(value)) {
      return value.map((v, i) => {
        path.push(i);
        const out = this.resolveAt(v, path);
        path.pop();
        return out;
      });
    }
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        path.push(k);
        out[k] = this.resolveAt(v, path);
        path.pop();
      }
      return out;
    }
    return value as CfnValue;
  }

  referenceParam(resourceName: string, param: string, at?: ConfigPath): CfnValue | undefined {
    const target = this.resource(resourceName);
    const where = at ?? ['resources'];
    if (!target) {
      this.addDiagnostic({
        code: 'STP_COMPILE_UNKNOWN_RESOURCE',
        message: `No resource named "${resourceName}" in this stack.`,
        path: where,
        expected: `one of: ${Object.keys(this.stack.resources).sort().join(', ')}`,
      });
      return undefined;
    }
    const params = this.compilers[target.type]?.referenceableParams ?? {};
    const resolver = Object.hasOwn(params, param) ? params[param] : undefined;
    if (!resolver) {
      const valid = Object.keys(params).sort();
      this.addDiagnostic({
        code: 'STP_COMPILE_UNKNOWN_PARAM',
        message: `Resource "${resourceName}" (${target.type}) has no referenceable param "${param}".`,
        path: where,
        expected: valid.length > 0 ? `one of: ${valid.join(', ')}` : `${target.type} has no referenceable params in stp yet`,
      });
      return undefined;
    }
    return resolver({ resourceName, properties: target.properties, stackName: this.stack.stackName });
  }

  referenceableParams(type: string): string[] {
    return Object.keys(this.compilers[type]?.referenceableParams ?? {}).sort();
  }

  once<T>(key: string, build: () => T): T {
    if (this.shared.has(key)) return this.shared.get(key) as T;
    const value = build();
    this.shared.set(key, value);
    return value;
  }

  addFinalizer(run: (resources: Record<string, CfnResource>) => void): void {
    this.finalizers.push(run);
  }

  absolutePath(file: string): string {
    return path.resolve(this.stack.configDir, file);
  }
}
