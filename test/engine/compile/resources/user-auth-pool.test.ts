import { describe, expect, it } from 'vitest';
import { functionCompiler } from '../../../../src/engine/compile/resources/function.js';
import { userAuthPoolCompiler } from '../../../../src/engine/compile/resources/user-auth-pool.js';
import { compileWith, directive, errors } from './compile-data-fixture.js';

describe('user-auth-pool', () => {
  it('compiles the api-with-auth starter pool: pool, client with OAuth, hosted UI domain', () => {
    const result = compileWith([userAuthPoolCompiler], {
      authPool: {
        type: 'user-auth-pool',
        properties: {
          allowEmailAsUserName: true,
          userVerificationType: 'email-code',
          passwordPolicy: { minimumLength: 8 },
          enableHostedUi: true,
          hostedUiDomainPrefix: 'dev-shop-auth',
          allowedOAuthFlows: ['code'],
          allowedOAuthScopes: ['openid', 'email', 'profile'],
          callbackURLs: ['https://example.com/callback'],
          logoutURLs: ['https://example.com/logout'],
        },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const r = result.template.Resources;
    expect(r.AuthPoolUserPool?.Properties).toMatchObject({
      UserPoolName: 'shop-dev-authPool',
      UsernameAttributes: ['email', 'phone_number'],
      AutoVerifiedAttributes: ['email'],
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      Policies: { PasswordPolicy: { MinimumLength: 8 } },
      DeletionProtection: 'INACTIVE',
    });
    expect(r.AuthPoolUserPoolClient?.Properties).toMatchObject({
      UserPoolId: { Ref: 'AuthPoolUserPool' },
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: ['https://example.com/callback'],
      DefaultRedirectURI: 'https://example.com/callback',
      LogoutURLs: ['https://example.com/logout'],
    });
    expect(r.AuthPoolUserPoolDomain?.Properties).toEqual({ UserPoolId: { Ref: 'AuthPoolUserPool' }, Domain: 'dev-shop-auth' });
    expect(result.template.Outputs?.AuthPoolClientId?.Value).toEqual({ Ref: 'AuthPoolUserPoolClient' });
    expect(result.template.Outputs?.AuthPoolDomain?.Value).toEqual({ 'Fn::Sub': '${AuthPoolUserPoolDomain}.auth.${AWS::Region}.amazoncognito.com' });
  });

  it('compiles SMS verification with an SNS role, MFA, token validity and custom attributes', () => {
    const result = compileWith([userAuthPoolCompiler], {
      pool: {
        type: 'user-auth-pool',
        properties: {
          userVerificationType: 'sms',
          allowEmailAsUserName: false,
          mfaConfiguration: { status: 'OPTIONAL', enabledTypes: ['SMS', 'SOFTWARE_TOKEN'] },
          accessTokenValiditySeconds: 3600,
          refreshTokenValidityDays: 30,
          schema: [{ name: 'plan', attributeDataType: 'String', mutable: true, stringMaxLength: 20 }],
          deletionProtection: true,
        },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const pool = result.template.Resources.PoolUserPool?.Properties;
    expect(pool).toMatchObject({
      UsernameAttributes: ['phone_number'],
      AutoVerifiedAttributes: ['phone_number'],
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
      SmsConfiguration: { SnsCallerArn: { 'Fn::GetAtt': ['PoolSendSmsRole', 'Arn'] }, ExternalId: 'shop-dev-pool-sms' },
      Schema: [{ Name: 'plan', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MaxLength: '20' } }],
      DeletionProtection: 'ACTIVE',
    });
    expect(result.template.Resources.PoolUserPoolClient?.Properties).toMatchObject({
      // Stacktape's client defaults: hosted OAuth on, a local callback until the app names one.
      AllowedOAuthFlows: ['code', 'implicit'],
      AllowedOAuthScopes: ['email', 'openid', 'profile'],
      CallbackURLs: ['http://localhost:3000/api/auth/callback/cognito'],
      ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      AccessTokenValidity: 3600,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'seconds', RefreshToken: 'days' },
    });
  });

  it('wires hooks to stack functions with invoke permissions, and identity providers with secrets', () => {
    const result = compileWith([userAuthPoolCompiler, functionCompiler], {
      pool: {
        type: 'user-auth-pool',
        properties: {
          hooks: { postConfirmation: 'onSignup' },
          identityProviders: [{ type: 'Google', clientId: 'g-id', clientSecret: directive('Secret', 'google.secret') }],
          allowedOAuthFlows: ['code'],
          callbackURLs: ['https://example.com/cb'],
        },
      },
      onSignup: { type: 'function', properties: { packaging: { type: 'stacktape-lambda-buildpack', properties: { entryfilePath: './src/s.ts' } } } },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const r = result.template.Resources;
    expect(r.PoolUserPool?.Properties?.LambdaConfig).toEqual({ PostConfirmation: { 'Fn::GetAtt': ['OnSignupFunction', 'Arn'] } });
    expect(r.PoolPostConfirmationPermission?.Properties).toMatchObject({
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['PoolUserPool', 'Arn'] },
    });
    expect(r.PoolGoogleUserPoolIdentityProvider?.Properties).toMatchObject({
      ProviderName: 'Google',
      ProviderType: 'Google',
      ProviderDetails: { client_id: 'g-id', client_secret: '{{resolve:secretsmanager:google:SecretString:secret}}', authorize_scopes: 'openid email profile' },
      AttributeMapping: { email: 'email' },
    });
    expect(r.PoolUserPoolClient?.DependsOn).toEqual(['PoolGoogleUserPoolIdentityProvider']);
    expect(r.PoolUserPoolClient?.Properties?.SupportedIdentityProviders).toEqual(['COGNITO', 'Google']);
  });

  it('reports what it cannot compile and inconsistent settings at their positions', () => {
    const result = compileWith([userAuthPoolCompiler], {
      pool: {
        type: 'user-auth-pool',
        properties: {
          customDomain: { domainName: 'auth.example.com' },
          allowedOAuthFlows: ['code'],
          hooks: { preSignup: 'arn:aws:lambda:eu-west-1:123456789012:function:x' },
          enableHostedUi: true,
          hostedUiDomainPrefix: 'My_Cognito',
        },
      },
    });
    // What stp cannot compile yet is found first (capabilities/), before the compilers run.
    expect(result.diagnostics.map((d) => [d.code, d.path?.slice(3).join('.')])).toEqual([
      ['STP_COMPILE_UNSUPPORTED', 'customDomain'],
      ['STP_COMPILE_INVALID_PROPERTY', 'hooks.preSignup'],
      ['STP_COMPILE_INVALID_PROPERTY', 'hostedUiDomainPrefix'],
    ]);
  });

  it('serves the hosted UI on a custom domain with a us-east-1 certificate', () => {
    const certificate = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
    const result = compileWith([userAuthPoolCompiler], {
      pool: {
        type: 'user-auth-pool',
        properties: { enableHostedUi: true, customDomain: { domainName: 'Auth.Example.com', customCertificateArn: certificate, disableDnsRecordCreation: true } },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.PoolUserPoolDomain?.Properties).toEqual({
      UserPoolId: { Ref: 'PoolUserPool' },
      Domain: 'auth.example.com',
      CustomDomainConfig: { CertificateArn: certificate },
    });
    expect(result.template.Outputs?.PoolDomain?.Value).toBe('auth.example.com');
    const wrongRegion = compileWith([userAuthPoolCompiler], {
      pool: {
        type: 'user-auth-pool',
        properties: {
          enableHostedUi: true,
          customDomain: { domainName: 'auth.example.com', customCertificateArn: certificate.replace('us-east-1', 'eu-west-1'), disableDnsRecordCreation: true },
        },
      },
    });
    expect(wrongRegion.diagnostics.map((d) => d.path?.slice(3).join('.'))).toEqual(['customDomain.customCertificateArn']);
  });
});
