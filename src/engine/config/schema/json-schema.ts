import * as z from 'zod';
import { resourceSchemas } from './resource-types.js';
import { databaseEngine } from './resources/relational-database.js';
import {
  cloudformationResource,
  deploymentConfig,
  hooks,
  script,
  stackConfigSchema,
  stackConfigSection,
} from './stack-config.js';
import {
  containerDeployment,
  containerEvent,
  internalHealthCheck,
  workloadContainer,
  workloadResources,
  workloadScaling,
} from './shared/container-workload.js';
import { environment } from './shared/environment.js';
import { customDomain, httpApiCors, logging } from './shared/http.js';
import { batchJobEvent, functionEvent } from './shared/lambda-events.js';
import { alarm, cdn } from './shared/monitoring.js';
import { containerPackaging, lambdaPackaging } from './shared/packaging.js';
import { iamRoleStatement } from './shared/resource-access.js';
import { runtimeDirective } from './shared/runtime-directive.js';

/**
 * A string an editor should accept wherever a directive may stand: `$Name(args)` plus an optional
 * `.property.path`. Local directives ($Var, $File, ...) resolve to any type, so numbers, booleans
 * and enums accept this too.
 */
export const DIRECTIVE_PATTERN = '^\\$[A-Za-z][A-Za-z0-9]*\\(.*\\)(\\.[A-Za-z0-9_-]+)*$';
const DIRECTIVE_REF = '#/definitions/Directive';

type JsonSchema = Record<string, unknown>;

/** Readable definition names for the parts editors show in hovers; built only when generating. */
function definitionNames(): z.core.$ZodRegistry<{ id: string }> {
  const registry = z.registry<{ id: string }>();
  const pascal = (text: string) => text.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
  for (const [type, schema] of Object.entries(resourceSchemas)) {
    registry.add(schema, { id: `${pascal(type)}Resource` });
  }
  const named: [z.core.$ZodType, string][] = [
    [lambdaPackaging, 'LambdaPackaging'],
    [containerPackaging, 'ContainerPackaging'],
    [environment, 'Environment'],
    [iamRoleStatement, 'IamRoleStatement'],
    [functionEvent, 'FunctionEvent'],
    [batchJobEvent, 'BatchJobEvent'],
    [containerEvent, 'ContainerEvent'],
    [workloadContainer, 'WorkloadContainer'],
    [workloadResources, 'WorkloadResources'],
    [workloadScaling, 'WorkloadScaling'],
    [containerDeployment, 'ContainerDeployment'],
    [internalHealthCheck, 'InternalHealthCheck'],
    [cdn, 'Cdn'],
    [alarm, 'Alarm'],
    [httpApiCors, 'HttpApiCors'],
    [customDomain, 'CustomDomain'],
    [logging, 'Logging'],
    [databaseEngine, 'DatabaseEngine'],
    [script, 'Script'],
    [hooks, 'Hooks'],
    [cloudformationResource, 'CloudformationResource'],
    [stackConfigSection, 'StackConfigSection'],
    [deploymentConfig, 'DeploymentConfig'],
  ];
  for (const [schema, id] of named) registry.add(schema, { id });
  return registry;
}

/**
 * The JSON Schema (draft-07) of stacktape.yml, for editors. Generated from the same zod schema the
 * loader validates with; config/stacktape.schema.json is this, committed (a test checks it is
 * current; regenerate with `node scripts/generate-schema.mjs`).
 */
export function buildStackConfigJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(stackConfigSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    reused: 'ref',
    metadata: definitionNames(),
    override: (ctx) => {
      if (ctx.zodSchema === runtimeDirective) {
        for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
        (ctx.jsonSchema as JsonSchema).$ref = DIRECTIVE_REF;
      }
    },
  }) as JsonSchema;
  const root = acceptDirectives(generated) as JsonSchema;
  const definitions = (root.definitions as JsonSchema | undefined) ?? {};
  definitions.Directive = {
    type: 'string',
    pattern: DIRECTIVE_PATTERN,
    description: "A directive, e.g. $ResourceParam('db', 'connectionString'), $Secret('name'), $Var().key",
  };
  return {
    $schema: root.$schema,
    title: 'stp stack config (stacktape.yml)',
    description:
      'Stack config for stp: the Stacktape configuration language, restricted to the resource types stp supports.',
    ...Object.fromEntries(Object.entries(root).filter(([key]) => key !== '$schema' && key !== 'definitions')),
    definitions,
  };
}

/** Wrap number, integer, boolean and enum nodes so a directive string is accepted in their place. */
function acceptDirectives(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(acceptDirectives);
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    // `properties` and `definitions` map names to schemas: recurse into each value, keep the names.
    if ((key === 'properties' || key === 'definitions' || key === 'patternProperties') && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, acceptDirectives(schema)]));
    } else {
      out[key] = acceptDirectives(value);
    }
  }
  const type = out.type;
  const scalar = type === 'number' || type === 'integer' || type === 'boolean' || Array.isArray(out.enum);
  const isConst = 'const' in out;
  if (scalar && !isConst) {
    const { description, default: defaultValue, ...rest } = out;
    return {
      ...(description !== undefined ? { description } : {}),
      ...(defaultValue !== undefined ? { default: defaultValue } : {}),
      anyOf: [rest, { $ref: DIRECTIVE_REF }],
    };
  }
  return out;
}

/** The exact text of config/stacktape.schema.json (the generator writes it; a test compares it). */
export function stackConfigJsonSchemaText(): string {
  return `${JSON.stringify(buildStackConfigJsonSchema(), null, 2)}\n`;
}
