import { AwsServiceError } from '../../core/aws-error.js';

/** Every runtime identifier Lambda's CreateFunction accepts (the `Runtime` enum, current and deprecated). */
export const KNOWN_RUNTIMES: readonly string[] = [
  'nodejs', 'nodejs4.3', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x',
  'nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x',
  'java8', 'java8.al2', 'java11', 'java17', 'java21', 'java25',
  'python2.7', 'python3.6', 'python3.7', 'python3.8', 'python3.9', 'python3.10', 'python3.11', 'python3.12',
  'python3.13', 'python3.14',
  'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1', 'dotnet6', 'dotnet8', 'dotnet10',
  'nodejs4.3-edge', 'go1.x', 'ruby2.5', 'ruby2.7', 'ruby3.2', 'ruby3.3', 'ruby3.4',
  'provided', 'provided.al2', 'provided.al2023',
];

/**
 * The runtimes the emulator can really execute. They all run on the machine's own Node (20 on
 * our machines), not on the version the identifier names: code relying on Node 22/24-only APIs
 * will fail here while it would work on AWS.
 */
export const EXECUTABLE_RUNTIMES: readonly string[] = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'];

export function validateRuntime(runtime: string | undefined): void {
  if (runtime === undefined) return;
  if (!KNOWN_RUNTIMES.includes(runtime)) {
    throw new AwsServiceError(
      'InvalidParameterValueException',
      `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${KNOWN_RUNTIMES.join(', ')}] or be a valid ARN`,
      400,
    );
  }
}

/** Throws a clear, AWS-shaped error when Invoke targets a runtime the emulator cannot run. */
export function assertExecutableRuntime(functionName: string, runtime: string | undefined): void {
  if (runtime !== undefined && EXECUTABLE_RUNTIMES.includes(runtime)) return;
  throw new AwsServiceError(
    'InvalidRuntimeException',
    `The stp local emulator cannot run function ${functionName}: runtime ${runtime ?? '(none: container image)'} is not supported; ` +
      `only ${EXECUTABLE_RUNTIMES.join(', ')} run (on this machine's Node ${process.versions.node}).`,
    502,
  );
}
