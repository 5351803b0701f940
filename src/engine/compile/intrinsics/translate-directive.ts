import { getResourceType } from '../../../aws/cloudformation/resource-spec.js';
import type { RuntimeDirective } from '../../config/directives/directive.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath, DirectiveTranslator } from '../compile-context.js';
import type { CfnTypeLookup } from './cf-resource-param.js';
import type { DirectiveEnvironment } from './directive-to-intrinsic.js';
import { directiveToIntrinsic } from './directive-to-intrinsic.js';

/** `$CfResourceParam` reads attributes and the `Ref` identifier from the resource specification. */
export const specTypeLookup: CfnTypeLookup = (cfnType) => {
  const spec = getResourceType(cfnType);
  return spec ? { attributes: spec.attributes, primaryIdentifier: spec.refReturns } : undefined;
};

/** The directive environment of one compile, backed by the compile context. */
export function contextDirectiveEnvironment(ctx: CompileContext, at: ConfigPath, cfnTypes: CfnTypeLookup = specTypeLookup): DirectiveEnvironment {
  const raw = ctx.stack.cloudformationResources ?? {};
  return {
    resourceParamNames: (name) => {
      const target = ctx.resource(name);
      return target ? ctx.referenceableParams(target.type) : undefined;
    },
    resourceParamValue: (name, param, where) => ctx.referenceParam(name, param, where.path ?? at),
    resourceNames: () => ctx.resources().map((r) => r.name),
    cfnResourceType: (id) => ctx.getResource(id)?.Type ?? (Object.hasOwn(raw, id) ? raw[id]?.Type : undefined),
    logicalIds: () => Object.keys(raw),
    deferUntilComplete: (check) => ctx.addFinalizer((resources) => check(resources)),
    cfnTypes,
    report: (d) =>
      ctx.addDiagnostic({
        code: d.code,
        severity: d.severity,
        message: d.message,
        path: d.path ?? at,
        ...(d.expected !== undefined ? { expected: d.expected } : {}),
        ...(d.hint !== undefined ? { hint: d.hint } : {}),
      }),
  };
}

/** The `DirectiveTranslator` compile-stack hands to its context. */
export const translateDirective: DirectiveTranslator = (directive: RuntimeDirective, ctx: CompileContext, at: ConfigPath): CfnValue =>
  directiveToIntrinsic(directive, contextDirectiveEnvironment(ctx, at), { path: at });
