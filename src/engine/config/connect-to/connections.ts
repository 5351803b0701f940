import type { RuntimeDirective } from '../directives/directive.js';

/**
 * What `connectTo` gives each workload, computed from the config so the compiler only has to emit
 * it: environment variables (each a `$ResourceParam` directive, compiled like any other) and
 * grants (IAM statements or security-group ingress).
 */
export type Connections = Record<string /* source resource */, ResourceConnections>;

export interface ResourceConnections {
  variables: InjectedVariable[];
  grants: ConnectGrant[];
}

export interface InjectedVariable {
  /** `STP_<RESOURCE>_<PARAM>`, e.g. `STP_MY_DATABASE_CONNECTION_STRING`. */
  name: string;
  /** `$ResourceParam('<target>', '<param>')`. */
  value: RuntimeDirective;
  /** The connectTo target this variable comes from. */
  target: string;
}

/**
 * An IAM resource: `$ResourceParam(target, param)` followed by `suffix` (e.g. the bucket ARN +
 * `/*` for its objects, the table ARN + `/index/*` for its indexes), or `*` for a service without
 * resource-level permissions (SES sending).
 */
export type GrantResource = { target: string; param: string; suffix?: string } | { any: true };

export type ConnectGrant =
  | {
      kind: 'iam';
      /** The connectTo entry this grant comes from (a resource name or `aws:ses`). */
      target: string;
      actions: string[];
      resources: GrantResource[];
    }
  | {
      /** Allow the workload's security group into the target's, on this TCP port. */
      kind: 'security-group';
      target: string;
      port: number;
    };
