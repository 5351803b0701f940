import type { UserAuthPoolProperties } from '../../config/schema/resources/user-auth-pool.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { buildLogicalName } from '../logical-names.js';
import { physicalName } from '../physical-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';

/**
 * `user-auth-pool` → AWS::Cognito::UserPool + AWS::Cognito::UserPoolClient, plus a hosted-UI
 * domain (and CSS) when `enableHostedUi`, external identity providers, Lambda triggers with their
 * invoke permissions, and an SNS role when the pool sends SMS. A hosted-UI custom domain compiles
 * when it brings its certificate; firewall associations are reported as not compiled yet.
 */
export const userPoolLogicalId = (name: string): string => buildLogicalName({ resourceName: name, cfnType: 'AWS::Cognito::UserPool' });
export const userPoolClientLogicalId = (name: string): string =>
  buildLogicalName({ resourceName: name, cfnType: 'AWS::Cognito::UserPoolClient' });
export const userPoolDomainLogicalId = (name: string): string =>
  buildLogicalName({ resourceName: name, cfnType: 'AWS::Cognito::UserPoolDomain' });
const uiCustomizationLogicalId = (name: string): string =>
  buildLogicalName({ resourceName: name, cfnType: 'AWS::Cognito::UserPoolUICustomizationAttachment' });
const identityProviderLogicalId = (name: string, type: string): string =>
  buildLogicalName({ resourceName: name, specifier: { type }, cfnType: 'AWS::Cognito::UserPoolIdentityProvider' });
const hookPermissionLogicalId = (name: string, hook: string): string =>
  buildLogicalName({ resourceName: name, specifier: { type: hook }, cfnType: 'AWS::Lambda::Permission' });
const smsRoleLogicalId = (name: string): string =>
  buildLogicalName({ resourceName: name, specifier: { type: 'SendSms' }, cfnType: 'AWS::IAM::Role' });

type Props = UserAuthPoolProperties & {
  userVerificationMessageConfig?: Record<string, unknown>;
  allowOnlyExternalIdentityProviders?: boolean;
};

/** Stacktape hook names → Cognito LambdaConfig keys. */
const HOOKS: Record<string, string> = {
  customMessage: 'CustomMessage',
  postAuthentication: 'PostAuthentication',
  postConfirmation: 'PostConfirmation',
  preAuthentication: 'PreAuthentication',
  preSignUp: 'PreSignUp',
  preTokenGeneration: 'PreTokenGeneration',
  userMigration: 'UserMigration',
  createAuthChallenge: 'CreateAuthChallenge',
  defineAuthChallenge: 'DefineAuthChallenge',
  verifyAuthChallengeResponse: 'VerifyAuthChallengeResponse',
};

/** Stacktape's client: every sign-in API flow, and a local callback until the app names its own. */
const EXPLICIT_AUTH_FLOWS = [
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];
const DEFAULT_CALLBACK_URL = 'http://localhost:3000/api/auth/callback/cognito';

const MFA_TYPES: Record<string, string> = { SMS: 'SMS_MFA', SOFTWARE_TOKEN: 'SOFTWARE_TOKEN_MFA', EMAIL_OTP: 'EMAIL_OTP' };
const PROVIDER_TYPES = ['Facebook', 'Google', 'LoginWithAmazon', 'OIDC', 'SAML', 'SignInWithApple'];

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Copies `from[key]` to `to[target]` when present (after directive resolution). */
function copy(ctx: CompileContext, to: Record<string, CfnValue>, target: string, from: Record<string, unknown> | undefined, key: string, at: ConfigPath) {
  if (from?.[key] !== undefined) to[target] = ctx.resolveValue(from[key], [...at, key]);
}

function hookArn(ctx: CompileContext, value: string, at: ConfigPath): CfnValue {
  // A hook names a function of this stack, or is a Lambda ARN.
  const target = ctx.resource(value);
  if (target?.type === 'function') return ctx.referenceParam(value, 'arn', at);
  if (!value.startsWith('arn:')) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_UNKNOWN_RESOURCE',
      message: `Hook "${value}" is neither a function in this stack nor a Lambda ARN.`,
      path: at,
      expected: 'the name of a function resource, or arn:aws:lambda:...',
    });
  }
  return value;
}

function compile(resource: ResourceView, ctx: CompileContext): void {
  const props = resource.properties as Props;
  const at = [...resource.path, 'properties'];
  const poolId = userPoolLogicalId(resource.name);
  const clientId = userPoolClientLogicalId(resource.name);

  const pool: Record<string, CfnValue> = { UserPoolName: physicalName([ctx.stack.stackName, resource.name], 128) };

  // Sign-in identifiers (Stacktape allows both by default).
  const usernameAttributes: string[] = [];
  if (props.allowEmailAsUserName !== false) usernameAttributes.push('email');
  if (props.allowPhoneNumberAsUserName !== false) usernameAttributes.push('phone_number');
  if (usernameAttributes.length > 0) pool.UsernameAttributes = usernameAttributes;

  // Verification.
  const verification = props.userVerificationType ?? 'email-code';
  const usesSms = verification === 'sms' || (props.mfaConfiguration as { enabledTypes?: string[] } | undefined)?.enabledTypes?.includes('SMS');
  pool.AutoVerifiedAttributes = verification === 'sms' ? ['phone_number'] : verification === 'none' ? [] : ['email'];
  const messages = (props.userVerificationMessage ?? props.userVerificationMessageConfig) as Record<string, unknown> | undefined;
  const messagesAt = [...at, props.userVerificationMessage !== undefined ? 'userVerificationMessage' : 'userVerificationMessageConfig'];
  const template: Record<string, CfnValue> = {};
  if (verification === 'email-link') template.DefaultEmailOption = 'CONFIRM_WITH_LINK';
  if (verification === 'email-code') template.DefaultEmailOption = 'CONFIRM_WITH_CODE';
  copy(ctx, template, 'EmailMessage', messages, 'emailMessageUsingCode', messagesAt);
  copy(ctx, template, 'EmailSubject', messages, 'emailSubjectUsingCode', messagesAt);
  copy(ctx, template, 'EmailMessageByLink', messages, 'emailMessageUsingLink', messagesAt);
  copy(ctx, template, 'EmailSubjectByLink', messages, 'emailSubjectUsingLink', messagesAt);
  copy(ctx, template, 'SmsMessage', messages, 'smsMessage', messagesAt);
  if (Object.keys(template).length > 0) pool.VerificationMessageTemplate = template;

  // Account creation.
  const adminCreate: Record<string, CfnValue> = { AllowAdminCreateUserOnly: props.allowOnlyAdminsToCreateAccount === true };
  const invite = props.inviteMessageConfig as Record<string, unknown> | undefined;
  const inviteTemplate: Record<string, CfnValue> = {};
  copy(ctx, inviteTemplate, 'EmailMessage', invite, 'emailMessage', [...at, 'inviteMessageConfig']);
  copy(ctx, inviteTemplate, 'EmailSubject', invite, 'emailSubject', [...at, 'inviteMessageConfig']);
  copy(ctx, inviteTemplate, 'SMSMessage', invite, 'smsMessage', [...at, 'inviteMessageConfig']);
  if (Object.keys(inviteTemplate).length > 0) adminCreate.InviteMessageTemplate = inviteTemplate;
  pool.AdminCreateUserConfig = adminCreate;

  // Password policy; Cognito keeps unused admin-created accounts as long as the temporary password.
  const policy = props.passwordPolicy;
  const passwordPolicy: Record<string, CfnValue> = {};
  if (policy?.minimumLength !== undefined) passwordPolicy.MinimumLength = policy.minimumLength;
  if (policy?.requireLowercase !== undefined) passwordPolicy.RequireLowercase = policy.requireLowercase;
  if (policy?.requireUppercase !== undefined) passwordPolicy.RequireUppercase = policy.requireUppercase;
  if (policy?.requireNumbers !== undefined) passwordPolicy.RequireNumbers = policy.requireNumbers;
  if (policy?.requireSymbols !== undefined) passwordPolicy.RequireSymbols = policy.requireSymbols;
  const temporaryDays = policy?.temporaryPasswordValidityDays ?? props.unusedAccountValidityDays;
  if (temporaryDays !== undefined) passwordPolicy.TemporaryPasswordValidityDays = temporaryDays;
  if (Object.keys(passwordPolicy).length > 0) pool.Policies = { PasswordPolicy: passwordPolicy };

  // MFA.
  const mfa = props.mfaConfiguration as { status?: string; enabledTypes?: string[] } | undefined;
  if (mfa) {
    pool.MfaConfiguration = mfa.status ?? 'OFF';
    const enabled = (mfa.enabledTypes ?? []).map((t, i) => {
      const mapped = MFA_TYPES[t];
      if (!mapped) {
        ctx.addDiagnostic({
          code: 'STP_COMPILE_INVALID_PROPERTY',
          message: `"${t}" is not an MFA type.`,
          path: [...at, 'mfaConfiguration', 'enabledTypes', i],
          expected: `one of: ${Object.keys(MFA_TYPES).join(', ')}`,
        });
      }
      return mapped ?? t;
    });
    if (enabled.length > 0) pool.EnabledMfas = enabled;
    if (mfa.status && mfa.status !== 'OFF' && enabled.length === 0) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_MISSING_PROPERTY',
        message: `MFA ${mfa.status} needs at least one factor type.`,
        path: [...at, 'mfaConfiguration', 'enabledTypes'],
        expected: 'any of: SMS, SOFTWARE_TOKEN, EMAIL_OTP',
      });
    }
  }

  // Email sending.
  const email = props.emailConfiguration as Record<string, unknown> | undefined;
  if (email) {
    const emailConfig: Record<string, CfnValue> = { EmailSendingAccount: email.sesAddressArn !== undefined ? 'DEVELOPER' : 'COGNITO_DEFAULT' };
    copy(ctx, emailConfig, 'SourceArn', email, 'sesAddressArn', [...at, 'emailConfiguration']);
    copy(ctx, emailConfig, 'From', email, 'from', [...at, 'emailConfiguration']);
    copy(ctx, emailConfig, 'ReplyToEmailAddress', email, 'replyToEmailAddress', [...at, 'emailConfiguration']);
    pool.EmailConfiguration = emailConfig;
  }
  if (mfa?.enabledTypes?.includes('EMAIL_OTP') && email?.sesAddressArn === undefined) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_MISSING_PROPERTY',
      message: 'EMAIL_OTP multi-factor authentication needs an SES identity to send from.',
      path: [...at, 'emailConfiguration', 'sesAddressArn'],
    });
  }

  // SMS sending needs a role Cognito assumes to publish through SNS.
  if (usesSms) {
    const roleId = smsRoleLogicalId(resource.name);
    const externalId = physicalName([ctx.stack.stackName, resource.name, 'sms'], 128);
    ctx.addResource(
      roleId,
      {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'cognito-idp.amazonaws.com' },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'sts:ExternalId': externalId } },
              },
            ],
          },
          Policies: [
            {
              PolicyName: 'send-sms',
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sns:Publish'], Resource: '*' }] },
            },
          ],
        },
      },
      resource.path,
    );
    pool.SmsConfiguration = { SnsCallerArn: { 'Fn::GetAtt': [roleId, 'Arn'] }, ExternalId: externalId };
  }

  // Custom attributes.
  if (props.schema && props.schema.length > 0) {
    pool.Schema = props.schema.map((raw, index) => {
      const a = raw as Record<string, unknown>;
      const where = [...at, 'schema', index];
      if (str(a.name) === undefined) {
        ctx.addDiagnostic({ code: 'STP_COMPILE_MISSING_PROPERTY', message: 'A schema attribute needs a name.', path: where });
      }
      const attribute: Record<string, CfnValue> = { Name: a.name, AttributeDataType: a.attributeDataType ?? 'String' };
      if (a.developerOnlyAttribute !== undefined) attribute.DeveloperOnlyAttribute = a.developerOnlyAttribute;
      if (a.mutable !== undefined) attribute.Mutable = a.mutable;
      if (a.required !== undefined) attribute.Required = a.required;
      if (a.numberMinValue !== undefined || a.numberMaxValue !== undefined) {
        const c: Record<string, CfnValue> = {};
        if (a.numberMinValue !== undefined) c.MinValue = String(a.numberMinValue);
        if (a.numberMaxValue !== undefined) c.MaxValue = String(a.numberMaxValue);
        attribute.NumberAttributeConstraints = c;
      }
      if (a.stringMinLength !== undefined || a.stringMaxLength !== undefined) {
        const c: Record<string, CfnValue> = {};
        if (a.stringMinLength !== undefined) c.MinLength = String(a.stringMinLength);
        if (a.stringMaxLength !== undefined) c.MaxLength = String(a.stringMaxLength);
        attribute.StringAttributeConstraints = c;
      }
      return attribute;
    });
  }

  // Lambda triggers.
  const lambdaConfig: Record<string, CfnValue> = {};
  const hookPermissions: [string, CfnValue, ConfigPath][] = [];
  for (const [hook, value] of Object.entries(props.hooks ?? {})) {
    const where = [...at, 'hooks', hook];
    const key = HOOKS[hook];
    if (!key) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `"${hook}" is not a user pool hook.`,
        path: where,
        expected: `one of: ${Object.keys(HOOKS).join(', ')}`,
      });
      continue;
    }
    const arn = hookArn(ctx, value, where);
    lambdaConfig[key] = arn;
    hookPermissions.push([hook, arn, where]);
  }
  if (Object.keys(lambdaConfig).length > 0) pool.LambdaConfig = lambdaConfig;
  pool.AccountRecoverySetting = {
    RecoveryMechanisms: [
      { Name: 'verified_email', Priority: 1 },
      { Name: 'verified_phone_number', Priority: 2 },
    ],
  };
  pool.DeletionProtection = props.deletionProtection ? 'ACTIVE' : 'INACTIVE';
  ctx.addResource(poolId, { Type: 'AWS::Cognito::UserPool', Properties: pool }, resource.path);
  for (const [hook, arn, where] of hookPermissions) {
    ctx.addResource(
      hookPermissionLogicalId(resource.name, hook),
      {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: arn,
          Principal: 'cognito-idp.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
        },
      },
      where,
    );
  }

  // External identity providers.
  const providerIds: string[] = [];
  const providerNames: string[] = [];
  (props.identityProviders ?? []).forEach((raw, index) => {
    const p = raw as Record<string, unknown>;
    const where = [...at, 'identityProviders', index];
    const type = str(p.type);
    if (!type || !PROVIDER_TYPES.includes(type)) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `"${String(p.type)}" is not an identity provider type.`,
        path: [...where, 'type'],
        expected: `one of: ${PROVIDER_TYPES.join(', ')}`,
      });
      return;
    }
    if (providerNames.includes(type)) {
      ctx.addDiagnostic({ code: 'STP_COMPILE_INVALID_PROPERTY', message: `Two ${type} identity providers.`, path: [...where, 'type'] });
      return;
    }
    const details: Record<string, CfnValue> = {};
    copy(ctx, details, 'client_id', p, 'clientId', where);
    copy(ctx, details, 'client_secret', p, 'clientSecret', where);
    details.authorize_scopes = Array.isArray(p.authorizeScopes)
      ? (p.authorizeScopes as string[]).join(type === 'Facebook' ? ',' : ' ')
      : type === 'Facebook'
        ? 'public_profile,email'
        : type === 'LoginWithAmazon'
          ? 'profile'
          : type === 'SignInWithApple'
            ? 'email name'
            : 'openid email profile';
    if (type === 'SAML') delete details.authorize_scopes;
    Object.assign(details, ctx.resolveValue(p.providerDetails ?? {}, [...where, 'providerDetails']) as Record<string, CfnValue>);
    const id = identityProviderLogicalId(resource.name, type);
    ctx.addResource(
      id,
      {
        Type: 'AWS::Cognito::UserPoolIdentityProvider',
        Properties: {
          UserPoolId: { Ref: poolId },
          ProviderName: type,
          ProviderType: type,
          ProviderDetails: details,
          AttributeMapping: (p.attributeMapping as Record<string, string> | undefined) ?? { email: 'email' },
        },
      },
      where,
    );
    providerIds.push(id);
    providerNames.push(type);
  });

  // The app client. Like Stacktape, it always allows the hosted OAuth flows (code and implicit
  // unless narrowed) and every sign-in API flow, since apps written for Stacktape rely on both.
  // (client_credentials needs a resource server with custom scopes: see capabilities/.)
  const flows: string[] = [...(props.allowedOAuthFlows ?? ['code', 'implicit'])];
  if (props.allowClientCredentialsAuthFlow && !flows.includes('client_credentials')) flows.push('client_credentials');
  const client: Record<string, CfnValue> = {
    UserPoolId: { Ref: poolId },
    ClientName: physicalName([ctx.stack.stackName, resource.name], 128),
    GenerateSecret: props.generateClientSecret === true,
    ExplicitAuthFlows: EXPLICIT_AUTH_FLOWS,
  };
  const supported = props.allowOnlyExternalIdentityProviders ? [...providerNames] : ['COGNITO', ...providerNames];
  if (supported.length === 0) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_MISSING_PROPERTY',
      message: 'allowOnlyExternalIdentityProviders needs at least one identity provider.',
      path: [...at, 'identityProviders'],
    });
  }
  client.SupportedIdentityProviders = supported;
  client.AllowedOAuthFlowsUserPoolClient = true;
  client.AllowedOAuthFlows = flows;
  client.AllowedOAuthScopes = props.allowedOAuthScopes ?? ['email', 'openid', 'profile'];
  const callbacks = props.callbackURLs?.length
    ? props.callbackURLs.map((u, i) => ctx.resolveValue(u, [...at, 'callbackURLs', i]))
    : [DEFAULT_CALLBACK_URL];
  client.CallbackURLs = callbacks;
  client.DefaultRedirectURI = callbacks[0];
  if (props.logoutURLs && props.logoutURLs.length > 0) {
    client.LogoutURLs = props.logoutURLs.map((u, i) => ctx.resolveValue(u, [...at, 'logoutURLs', i]));
  }
  const units: Record<string, CfnValue> = {};
  if (props.accessTokenValiditySeconds !== undefined) {
    client.AccessTokenValidity = props.accessTokenValiditySeconds;
    units.AccessToken = 'seconds';
  }
  if (props.idTokenValiditySeconds !== undefined) {
    client.IdTokenValidity = props.idTokenValiditySeconds;
    units.IdToken = 'seconds';
  }
  if (props.refreshTokenValidityDays !== undefined) {
    client.RefreshTokenValidity = props.refreshTokenValidityDays;
    units.RefreshToken = 'days';
  }
  if (Object.keys(units).length > 0) client.TokenValidityUnits = units;
  ctx.addResource(
    clientId,
    { Type: 'AWS::Cognito::UserPoolClient', Properties: client, ...(providerIds.length > 0 ? { DependsOn: providerIds } : {}) },
    resource.path,
  );

  // Hosted UI: on Cognito's domain under a prefix, or on the app's own domain with its certificate.
  if (props.enableHostedUi) {
    const domainId = userPoolDomainLogicalId(resource.name);
    const custom = customHostedUiDomain(ctx, props, at);
    if (custom) {
      ctx.addResource(
        domainId,
        {
          Type: 'AWS::Cognito::UserPoolDomain',
          Properties: { UserPoolId: { Ref: poolId }, Domain: custom.domain, CustomDomainConfig: { CertificateArn: custom.certificateArn } },
        },
        [...at, 'customDomain'],
      );
    } else {
      const prefix = props.hostedUiDomainPrefix !== undefined
        ? ctx.resolveValue(props.hostedUiDomainPrefix, [...at, 'hostedUiDomainPrefix'])
        : physicalName([ctx.stack.stackName, resource.name], 63).toLowerCase().replace(/[^a-z0-9-]/g, '-');
      if (typeof prefix === 'string' && (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || /aws|amazon|cognito/.test(prefix))) {
        ctx.addDiagnostic({
          code: 'STP_COMPILE_INVALID_PROPERTY',
          message: `"${prefix}" cannot be a hosted UI domain prefix.`,
          path: [...at, 'hostedUiDomainPrefix'],
          expected: 'lower-case letters, digits and hyphens, not containing aws, amazon or cognito',
        });
      }
      ctx.addResource(domainId, { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId: { Ref: poolId }, Domain: prefix } }, [
        ...at,
        'enableHostedUi',
      ]);
    }
    if (props.hostedUiCSS !== undefined) {
      ctx.addResource(
        uiCustomizationLogicalId(resource.name),
        {
          Type: 'AWS::Cognito::UserPoolUICustomizationAttachment',
          Properties: { UserPoolId: { Ref: poolId }, ClientId: { Ref: clientId }, CSS: props.hostedUiCSS },
          DependsOn: [domainId],
        },
        [...at, 'hostedUiCSS'],
      );
    }
  } else if (props.customDomain !== undefined) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      severity: 'warning',
      message: 'customDomain has no effect without enableHostedUi: true.',
      path: [...at, 'customDomain'],
    });
  } else if (props.hostedUiDomainPrefix !== undefined || props.hostedUiCSS !== undefined) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      severity: 'warning',
      message: 'hostedUiDomainPrefix and hostedUiCSS have no effect without enableHostedUi: true.',
      path: [...at, props.hostedUiDomainPrefix !== undefined ? 'hostedUiDomainPrefix' : 'hostedUiCSS'],
    });
  }
}

/**
 * The hosted UI on the app's own domain: Cognito serves it through CloudFront, so the certificate
 * must be in us-east-1. stp neither issues that certificate nor writes the DNS alias yet, so both
 * must come from the user (`customCertificateArn`, `disableDnsRecordCreation: true`).
 */
function customHostedUiDomain(ctx: CompileContext, props: Props, at: ConfigPath): { domain: string; certificateArn: CfnValue } | undefined {
  const custom = props.customDomain as { domainName?: unknown; customCertificateArn?: unknown; disableDnsRecordCreation?: unknown } | undefined;
  if (custom === undefined) return undefined;
  const where = [...at, 'customDomain'];
  if (typeof custom.domainName !== 'string' || !/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(custom.domainName)) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: `"${String(custom.domainName)}" is not a domain name.`,
      path: [...where, 'domainName'],
      expected: 'e.g. auth.example.com',
    });
    return undefined;
  }
  // Without a certificate or with DNS records to write: reported by capabilities/unsupported-constructs.ts.
  if (custom.customCertificateArn === undefined) return undefined;
  if (typeof custom.customCertificateArn === 'string' && !custom.customCertificateArn.includes(':us-east-1:')) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: 'The hosted UI is served through CloudFront, so its certificate must be in us-east-1.',
      path: [...where, 'customCertificateArn'],
    });
  }
  if (custom.disableDnsRecordCreation !== true) return undefined;
  return { domain: custom.domainName.toLowerCase(), certificateArn: ctx.resolveValue(custom.customCertificateArn, [...where, 'customCertificateArn']) };
}

export const userAuthPoolCompiler: ResourceCompiler = {
  type: 'user-auth-pool',
  compile,
  referenceableParams: {
    id: ({ resourceName }) => ({ Ref: userPoolLogicalId(resourceName) }),
    clientId: ({ resourceName }) => ({ Ref: userPoolClientLogicalId(resourceName) }),
    arn: ({ resourceName }) => ({ 'Fn::GetAtt': [userPoolLogicalId(resourceName), 'Arn'] }),
    domain: ({ resourceName, properties }) => {
      const props = properties as Props;
      if (!props.enableHostedUi) return undefined;
      const custom = (props.customDomain as { domainName?: unknown } | undefined)?.domainName;
      if (typeof custom === 'string') return custom.toLowerCase();
      return { 'Fn::Sub': `\${${userPoolDomainLogicalId(resourceName)}}.auth.\${AWS::Region}.amazoncognito.com` };
    },
  },
};
