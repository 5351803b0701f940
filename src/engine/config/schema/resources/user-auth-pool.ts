import * as z from 'zod';
import { alarmsShape } from '../shared/monitoring.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';
import { freeObject, stringOrDirective } from '../shared/runtime-directive.js';

export const userAuthPoolProperties = z
  .strictObject({
    allowOnlyAdminsToCreateAccount: z.boolean().optional(),
    unusedAccountValidityDays: z.int().min(0).max(365).optional(),
    requireVerifiedEmail: z.boolean().optional(),
    requireVerifiedPhoneNumber: z.boolean().optional(),
    allowEmailAsUserName: z.boolean().optional(),
    allowPhoneNumberAsUserName: z.boolean().optional(),
    userVerificationType: z.enum(['email-link', 'email-code', 'sms', 'none']).optional(),
    userVerificationMessage: freeObject.optional(),
    inviteMessageConfig: freeObject.optional(),
    emailConfiguration: freeObject.optional(),
    mfaConfiguration: freeObject.optional(),
    passwordPolicy: z
      .strictObject({
        minimumLength: z.int().min(6).max(99).optional(),
        requireLowercase: z.boolean().optional(),
        requireUppercase: z.boolean().optional(),
        requireNumbers: z.boolean().optional(),
        requireSymbols: z.boolean().optional(),
        temporaryPasswordValidityDays: z.int().min(0).max(365).optional(),
      })
      .optional(),
    schema: z.array(freeObject).optional(),
    enableHostedUi: z.boolean().optional(),
    hostedUiDomainPrefix: stringOrDirective.optional(),
    hostedUiCSS: z.string().optional(),
    customDomain: freeObject.optional(),
    hooks: z.record(z.string(), z.string()).optional(),
    identityProviders: z.array(freeObject).optional(),
    allowedOAuthFlows: z.array(z.enum(['code', 'implicit', 'client_credentials'])).optional(),
    allowedOAuthScopes: z.array(z.string()).optional(),
    callbackURLs: z.array(stringOrDirective).optional(),
    logoutURLs: z.array(stringOrDirective).optional(),
    generateClientSecret: z.boolean().optional(),
    allowClientCredentialsAuthFlow: z.boolean().optional(),
    accessTokenValiditySeconds: z.int().min(300).max(86400).optional(),
    idTokenValiditySeconds: z.int().min(300).max(86400).optional(),
    refreshTokenValidityDays: z.int().min(1).max(3650).optional(),
    useFirewall: z.string().optional(),
    deletionProtection: z.boolean().optional(),
    ...alarmsShape,
  })
  .prefault({});

export const userAuthPoolResource = resourceEnvelope('user-auth-pool', userAuthPoolProperties);
export type UserAuthPoolResource = z.output<typeof userAuthPoolResource>;
export type UserAuthPoolProperties = z.output<typeof userAuthPoolProperties>;
