import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';

/**
 * The contract every per-type compiler (`src/engine/compile/resources/<type>.ts`) works against.
 * A resource compiler reads one resolved resource and adds CloudFormation resources, outputs and
 * assets through the context; it never builds the whole template itself.
 */

/** A CloudFormation value: a literal, or an intrinsic such as `{ Ref }`, `{ 'Fn::GetAtt' }`. */
export type CfnValue = unknown;

export interface CfnResource {
  Type: string;
  Properties?: Record<string, CfnValue>;
  DependsOn?: string[];
  DeletionPolicy?: 'Delete' | 'Retain' | 'Snapshot' | 'RetainExceptOnCreate';
  UpdateReplacePolicy?: 'Delete' | 'Retain' | 'Snapshot';
  Condition?: string;
  Metadata?: Record<string, unknown>;
}

export interface CfnOutput {
  Value: CfnValue;
  Description?: string;
  Export?: { Name: CfnValue };
}

export interface CfnTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description?: string;
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, CfnOutput>;
}

/** Code the deploy must package and upload before the template can be deployed. */
export type AssetSpec =
  | {
      kind: 'lambda-bundle';
      /** Stable id, e.g. the stp resource name (`myFunction`) or `stp:deployment-script-runner`. */
      id: string;
      /** Absolute path of the entry file. */
      entryFile: string;
      handlerExport: string;
      runtime: string;
      /** Where the compiled template refers to the asset (filled at package time). */
      logicalId: string;
      /** Config path of the entry file (`…packaging.properties.entryfilePath`); absent for stp's own functions. */
      configPath?: (string | number)[];
      /**
       * Bundle the AWS SDK in instead of using the one Lambda provides: stp's own functions keep the
       * SDK version they were tested with, and a cold start that is one file.
       */
      bundleAwsSdk?: boolean;
    }
  | { kind: 'custom-artifact'; id: string; path: string; logicalId: string; configPath?: (string | number)[] };

export interface CompileResult {
  template: CfnTemplate;
  assets: AssetSpec[];
  diagnostics: Diagnostic[];
}

/** Placeholders the packager replaces after upload: bucket and key of an asset. */
export const assetBucketParameter = 'StpAssetsBucket';
export function assetKeyPlaceholder(assetId: string): string {
  return `\${stp:asset:${assetId}:key}`;
}

export interface CompilePosition {
  position?: SourcePosition;
  path?: (string | number)[];
}
