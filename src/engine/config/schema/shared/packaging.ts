import * as z from 'zod';
import { freeObject, stringOrDirective } from './runtime-directive.js';

// --- Lambda packaging (function, deployment-script) ---

export const stacktapeLambdaBuildpack = z.strictObject({
  type: z.literal('stacktape-lambda-buildpack'),
  properties: z.strictObject({
    entryfilePath: z.string(),
    handlerFunction: z.string().optional(),
    includeFiles: z.array(z.string()).optional(),
    excludeFiles: z.array(z.string()).optional(),
    excludeDependencies: z.array(z.string()).optional(),
    languageSpecificConfig: freeObject.optional(),
  }),
});

export const customArtifact = z.strictObject({
  type: z.literal('custom-artifact'),
  properties: z.strictObject({
    packagePath: z.string(),
    handler: z.string().optional(),
  }),
});

export const lambdaPackaging = z.discriminatedUnion('type', [stacktapeLambdaBuildpack, customArtifact]);

// --- Container packaging (services, multi-container workload containers, batch jobs) ---

/** Command and entry point arguments may hold runtime values (`$CfFormat('--region={}', ...)`). */
const commandList = z.array(stringOrDirective);

export const stacktapeImageBuildpack = z.strictObject({
  type: z.literal('stacktape-image-buildpack'),
  properties: z.strictObject({
    entryfilePath: z.string(),
    languageSpecificConfig: freeObject.optional(),
    requiresGlibcBinaries: z.boolean().optional(),
    customDockerBuildCommands: z.array(z.string()).optional(),
    includeFiles: z.array(z.string()).optional(),
    excludeFiles: z.array(z.string()).optional(),
    excludeDependencies: z.array(z.string()).optional(),
  }),
});

export const customDockerfile = z.strictObject({
  type: z.literal('custom-dockerfile'),
  properties: z.strictObject({
    buildContextPath: z.string(),
    dockerfilePath: z.string().optional(),
    buildArgs: z.array(z.strictObject({ argName: z.string(), value: stringOrDirective })).optional(),
    command: commandList.optional(),
    entryPoint: commandList.optional(),
  }),
});

export const prebuiltImage = z.strictObject({
  type: z.literal('prebuilt-image'),
  properties: z.strictObject({
    /** Often built from runtime values, e.g. an ECR URI with the account id. */
    image: stringOrDirective,
    repositoryCredentialsSecretArn: stringOrDirective.optional(),
    command: commandList.optional(),
    entryPoint: commandList.optional(),
  }),
});

export const externalBuildpack = z.strictObject({
  type: z.literal('external-buildpack'),
  properties: z.strictObject({
    sourceDirectoryPath: z.string(),
    builder: z.string().optional(),
    buildpacks: z.array(z.string()).optional(),
    command: commandList.optional(),
  }),
});

export const nixpacks = z.strictObject({
  type: z.literal('nixpacks'),
  properties: z.strictObject({
    sourceDirectoryPath: z.string(),
    buildImage: z.string().optional(),
    providers: z.array(z.string()).optional(),
    startCmd: z.string().optional(),
    phases: z.array(freeObject).optional(),
  }),
});

export const containerPackaging = z.discriminatedUnion('type', [
  stacktapeImageBuildpack,
  customDockerfile,
  prebuiltImage,
  externalBuildpack,
  nixpacks,
]);
