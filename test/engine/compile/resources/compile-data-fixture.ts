import type { CompileResult } from '../../../../src/engine/compile/compile-contract.js';
import { compileStack } from '../../../../src/engine/compile/compile-stack.js';
import type { ResourceCompiler } from '../../../../src/engine/compile/resource-compiler.js';
import type { StackInput, StackInputResource } from '../../../../src/engine/compile/stack-input.js';
import { validateTemplate } from '../../../../src/engine/compile/validate/validate-template.js';
import type { Diagnostic } from '../../../../src/engine/diagnostics/diagnostic.js';
import type { RuntimeDirective, RuntimeDirectiveName } from '../../../../src/engine/config/directives/directive.js';

/** Compiles a small stack with only the given compilers, the way compile-stack runs them. */
export function compileWith(
  compilers: ResourceCompiler[],
  resources: Record<string, StackInputResource>,
  extra: Partial<StackInput> = {},
): CompileResult & { validation: Diagnostic[] } {
  const stack: StackInput = {
    stackName: 'shop-dev',
    stage: 'dev',
    serviceName: 'shop',
    region: 'eu-west-1',
    configDir: '/project',
    resources,
    ...extra,
  };
  const result = compileStack(stack, { compilers: Object.fromEntries(compilers.map((c) => [c.type, c])) });
  return { ...result, validation: validateTemplate(result.template) };
}

export function directive(name: RuntimeDirectiveName, ...args: (string | number | RuntimeDirective)[]): RuntimeDirective {
  return {
    kind: 'directive',
    name,
    args,
    path: [],
    source: `$${name}(${args.map((a) => (typeof a === 'string' ? `'${a}'` : typeof a === 'number' ? String(a) : a.source)).join(', ')})`,
  };
}

/** Only the errors, as `code: message`, for readable assertions. */
export function errors(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
}
