import { describe, expect, it } from 'vitest';
import { assetBucketParameter, assetKeyPlaceholder, type CfnTemplate } from '../../../src/engine/compile/compile-contract.js';
import { applyAssetLocations, findAssetPlaceholders, UnresolvedAssetError } from '../../../src/engine/package/apply-asset-locations.js';

const compiled: CfnTemplate = {
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: { [assetBucketParameter]: { Type: 'String' } },
  Resources: {
    ApiFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: { Code: { S3Bucket: { Ref: assetBucketParameter }, S3Key: assetKeyPlaceholder('api') }, Role: 'r' },
    },
    Runner: {
      Type: 'Custom::Script',
      Properties: { ServiceToken: 'x', Artifact: { 'Fn::Sub': `s3://\${${assetBucketParameter}}/${assetKeyPlaceholder('script')}` } },
    },
    Runner2: {
      Type: 'Custom::Script',
      Properties: { ServiceToken: 'x', Key: assetKeyPlaceholder('stp:deployment-script-runner') },
    },
  },
};

describe('applyAssetLocations', () => {
  it('finds the asset placeholders of a compiled template', () => {
    expect(findAssetPlaceholders(compiled)).toEqual(['api', 'script', 'stp:deployment-script-runner']);
  });

  it('replaces every key placeholder and sets the bucket parameter, without touching the input', () => {
    const { template, parameters } = applyAssetLocations(compiled, {
      bucket: 'stp-assets-1-eu-west-1',
      keys: { api: 'aaa.zip', script: 'bbb.zip', unused: 'ccc.zip', 'stp:deployment-script-runner': 'ddd.zip' },
    });
    expect(template.Resources.ApiFunction!.Properties!.Code).toEqual({ S3Bucket: { Ref: assetBucketParameter }, S3Key: 'aaa.zip' });
    expect(template.Resources.Runner!.Properties!.Artifact).toEqual({ 'Fn::Sub': `s3://\${${assetBucketParameter}}/bbb.zip` });
    expect(template.Resources.Runner2!.Properties!.Key).toBe('ddd.zip');
    expect(parameters).toEqual({ [assetBucketParameter]: 'stp-assets-1-eu-west-1' });
    expect(findAssetPlaceholders(template)).toEqual([]);
    expect(findAssetPlaceholders(compiled)).toHaveLength(3);
  });

  it('refuses to leave a placeholder unresolved', () => {
    expect(() => applyAssetLocations(compiled, { bucket: 'b', keys: { api: 'a.zip' } })).toThrow(UnresolvedAssetError);
    expect(() => applyAssetLocations(compiled, { bucket: 'b', keys: { api: 'a.zip' } })).toThrow('not packaged: script, stp:deployment-script-runner');
  });
});
