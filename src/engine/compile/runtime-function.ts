import { assetBucketParameter, assetKeyPlaceholder, type CfnValue } from './compile-contract.js';
import type { CompileContext } from './compile-context.js';
import { defaultLambdaRuntime } from './resources/lambda/lambda-function.js';
import { runtimeAssets, runtimeEntryFile, type RuntimeAssetName } from './runtime-assets.js';
import { iamRole, type IamStatement } from './workload/iam-role.js';
import { logGroup } from './workload/log-group.js';

/** One of stp's own Lambda functions (src/runtime/<name>): its code asset, log group, role and function. */
export interface RuntimeFunctionSpec {
  asset: RuntimeAssetName;
  ids: { function: string; role: string; logGroup: string };
  functionName: string;
  logGroupName: string;
  policyName: string;
  /** What the function needs beyond writing its own logs. */
  statements: IamStatement[];
  memorySize: number;
  timeout: number;
  environment?: Record<string, CfnValue>;
}

export function addRuntimeFunction(ctx: CompileContext, spec: RuntimeFunctionSpec): void {
  const asset = runtimeAssets[spec.asset];
  ctx.addAsset({
    kind: 'lambda-bundle',
    id: asset.id,
    entryFile: runtimeEntryFile(spec.asset),
    handlerExport: 'handler',
    runtime: defaultLambdaRuntime,
    logicalId: spec.ids.function,
    bundleAwsSdk: true,
  });
  ctx.addResource(spec.ids.logGroup, logGroup(spec.logGroupName, undefined));
  ctx.addResource(
    spec.ids.role,
    iamRole({
      servicePrincipals: ['lambda.amazonaws.com'],
      policyName: spec.policyName,
      statements: [
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [spec.ids.logGroup, 'Arn'] } },
        ...spec.statements,
      ],
    }),
  );
  ctx.addResource(spec.ids.function, {
    Type: 'AWS::Lambda::Function',
    Properties: {
      FunctionName: spec.functionName,
      Runtime: defaultLambdaRuntime,
      Handler: 'index.handler',
      Code: { S3Bucket: { Ref: assetBucketParameter }, S3Key: assetKeyPlaceholder(asset.id) },
      Role: { 'Fn::GetAtt': [spec.ids.role, 'Arn'] },
      MemorySize: spec.memorySize,
      Timeout: spec.timeout,
      ...(spec.environment ? { Environment: { Variables: spec.environment } } : {}),
    },
    DependsOn: [spec.ids.role, spec.ids.logGroup],
  });
}
