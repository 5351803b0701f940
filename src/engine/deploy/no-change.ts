/**
 * The no-change fast path: when the template, the parameters (except the per-deploy
 * `StpDeploymentId`) and the stack tags equal what is deployed, there is nothing to do, and no
 * change set is created. (A fresh deployment id alone would otherwise re-run every script.)
 */
import { isDeepStrictEqual } from 'node:util';
import type { DeployedStack } from '../../aws/cloudformation/stack-state.js';
import { deploymentIdParameter } from '../compile/stack-parameters.js';

export interface DesiredStack {
  template: { Parameters?: Record<string, unknown> };
  parameters: Readonly<Record<string, string>>;
  tags: Readonly<Record<string, string>>;
}

function parsed(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function isUnchanged(deployed: DeployedStack, deployedBody: string | undefined, desired: DesiredStack): boolean {
  const before = parsed(deployedBody);
  if (before === undefined || !isDeepStrictEqual(before, desired.template)) return false;
  const declared = desired.template.Parameters ?? {};
  const names = new Set([...Object.keys(declared), ...Object.keys(deployed.parameters)]);
  for (const name of names) {
    if (name === deploymentIdParameter) continue;
    const fallback = (declared[name] as { Default?: unknown } | undefined)?.Default;
    const wanted = desired.parameters[name] ?? (fallback === undefined ? undefined : String(fallback));
    if (wanted !== deployed.parameters[name]) return false;
  }
  return isDeepStrictEqual({ ...deployed.tags }, { ...desired.tags });
}
