import * as z from 'zod';

export const lambdaRuntime = z.enum([
  'nodejs18.x',
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'python3.8',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'java8',
  'java8.al2',
  'java11',
  'java17',
  'java21',
  'dotnet6',
  'dotnet7',
  'dotnet8',
  'ruby3.2',
  'ruby3.3',
  'provided.al2',
  'provided.al2023',
]);

export const lambdaArchitecture = z.enum(['x86_64', 'arm64']);

/** MB; Lambda allows 128–10240. */
export const lambdaMemory = z.int().min(128).max(10240);
/** Seconds; Lambda allows at most 900. */
export const lambdaTimeout = z.int().min(1).max(900);
/** MB of /tmp; Lambda allows 512–10240. */
export const lambdaStorage = z.int().min(512).max(10240);
