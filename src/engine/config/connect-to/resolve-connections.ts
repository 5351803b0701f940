import type { RuntimeDirective } from '../directives/directive.js';
import type { StackConfig } from '../schema/index.js';
import { SES_CONNECTION } from './connectable-types.js';
import type { ConnectGrant, Connections, InjectedVariable, ResourceConnections } from './connections.js';
import { injectedVariableName } from './env-var-name.js';
import { SES_ACTIONS, targetGrants } from './target-grants.js';
import { injectedParams } from './target-variables.js';
import type { ConnectingKind } from './target-variables.js';

export type { Connections, ConnectGrant, GrantResource, InjectedVariable, ResourceConnections } from './connections.js';

interface ResourceLike {
  type?: unknown;
  properties?: Record<string, unknown>;
}

function resourcesOf(config: StackConfig): Record<string, ResourceLike> {
  const resources = (config as { resources?: unknown }).resources;
  return typeof resources === 'object' && resources !== null ? (resources as Record<string, ResourceLike>) : {};
}

function resourceParam(target: string, param: string): RuntimeDirective {
  return {
    kind: 'directive',
    name: 'ResourceParam',
    args: [target, param],
    path: [],
    source: `$ResourceParam('${target}', '${param}')`,
  };
}

/**
 * For one `connectTo` list: the variables and grants it gives. Unknown names, `aws:` services
 * other than SES and types that cannot be connected to are skipped here: config-semantics has
 * already reported them (STP_CONFIG_UNKNOWN_REFERENCE / STP_CONFIG_CANNOT_CONNECT_TO).
 */
export function connectionsFor(
  connectTo: readonly unknown[],
  resources: Record<string, ResourceLike>,
  kind: ConnectingKind,
): ResourceConnections {
  const variables: InjectedVariable[] = [];
  const grants: ConnectGrant[] = [];
  const seen = new Set<string>();
  for (const entry of connectTo) {
    if (typeof entry !== 'string' || seen.has(entry)) continue;
    seen.add(entry);
    if (entry === SES_CONNECTION) {
      grants.push({ kind: 'iam', target: SES_CONNECTION, actions: [...SES_ACTIONS], resources: [{ any: true }] });
      continue;
    }
    const target = resources[entry];
    if (!target || typeof target.type !== 'string') continue;
    const properties = target.properties ?? {};
    for (const param of injectedParams(target.type, properties, kind)) {
      variables.push({ name: injectedVariableName(entry, param), value: resourceParam(entry, param), target: entry });
    }
    grants.push(...targetGrants(entry, target.type, properties));
  }
  return { variables, grants };
}

/** connectTo of every resource that has one, keyed by the connecting resource's name. */
export function resolveConnections(config: StackConfig): Connections {
  const resources = resourcesOf(config);
  const connections: Connections = {};
  for (const [name, resource] of Object.entries(resources)) {
    const connectTo = resource?.properties?.connectTo;
    if (!Array.isArray(connectTo)) continue;
    const kind: ConnectingKind = resource.type === 'deployment-script' ? 'script' : 'workload';
    connections[name] = connectionsFor(connectTo, resources, kind);
  }
  return connections;
}

/**
 * connectTo of the top-level `scripts` (local scripts run by `script:run` and hooks), keyed by
 * script name. Scripts get the same extra variables as deployment scripts; their grants apply to
 * the role a script assumes, if any.
 */
export function resolveScriptConnections(config: StackConfig): Connections {
  const resources = resourcesOf(config);
  const scripts = (config as { scripts?: unknown }).scripts;
  const connections: Connections = {};
  if (typeof scripts !== 'object' || scripts === null) return connections;
  for (const [name, script] of Object.entries(scripts as Record<string, { properties?: { connectTo?: unknown } }>)) {
    const connectTo = script?.properties?.connectTo;
    if (Array.isArray(connectTo)) connections[name] = connectionsFor(connectTo, resources, 'script');
  }
  return connections;
}
