/**
 * Container image packaging. `prebuilt-image` needs nothing: the image reference goes straight
 * into the task definition. The image-building types (`stacktape-image-buildpack`,
 * `custom-dockerfile`, and the buildpack/nixpacks builders) need a Docker engine; stp says so
 * with the alternative, as a warning at compile/preview time and an error when deploying.
 */
import { StpError } from '../../errors/stp-error.js';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface ContainerPackaging {
  type: string;
  properties?: Record<string, unknown>;
}

export interface ContainerImageAsset {
  kind: 'container-image';
  id: string;
  packaging: ContainerPackaging;
  logicalId: string;
}

export interface DockerStatus {
  available: boolean;
  /** Why not, or the engine's version. */
  detail: string;
}

export type CommandRunner = (command: string, args: string[]) => Promise<{ stdout: string }>;

const runCommand: CommandRunner = (command, args) =>
  new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 5_000 }, (error, stdout) => (error ? reject(error) : resolve({ stdout: String(stdout) })));
  });

/**
 * Asks the Docker CLI for the engine's version (`docker version`), which needs a reachable
 * engine, not just an installed CLI. Without a CLI, a `DOCKER_HOST` unix socket or the default
 * socket is reported, since the engine may be usable by other clients.
 */
export async function detectDockerEngine(
  options: { env?: Readonly<Record<string, string | undefined>>; run?: CommandRunner; socketExists?: (path: string) => boolean } = {},
): Promise<DockerStatus> {
  const env = options.env ?? process.env;
  const run = options.run ?? runCommand;
  const socketExists = options.socketExists ?? existsSync;
  try {
    const { stdout } = await run('docker', ['version', '--format', '{{.Server.Version}}']);
    const version = stdout.trim();
    if (version !== '') return { available: true, detail: `Docker engine ${version}` };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ENOENT') {
      return { available: false, detail: 'the docker CLI is installed but no Docker engine answered (is it running? is DOCKER_HOST right?)' };
    }
  }
  const host = env.DOCKER_HOST;
  const socket = host?.startsWith('unix://') ? host.slice('unix://'.length) : host ? undefined : '/var/run/docker.sock';
  if (socket && socketExists(socket)) {
    return { available: false, detail: `a Docker socket exists at ${socket}, but the docker CLI is not installed` };
  }
  return { available: false, detail: 'no Docker engine found (no docker CLI, no Docker socket)' };
}

const BUILDING_TYPES = new Set(['stacktape-image-buildpack', 'custom-dockerfile', 'external-buildpack', 'nixpacks']);

export type ImagePlan =
  | { kind: 'prebuilt'; image: string }
  | { kind: 'needs-build'; packagingType: string };

export function planContainerImage(packaging: ContainerPackaging): ImagePlan {
  if (packaging.type === 'prebuilt-image') {
    const image = packaging.properties?.image;
    if (typeof image !== 'string' || image === '') throw new Error('prebuilt-image packaging needs properties.image.');
    return { kind: 'prebuilt', image };
  }
  return { kind: 'needs-build', packagingType: packaging.type };
}

const ALTERNATIVE =
  'build and push the image yourself (e.g. to Amazon ECR) and use packaging type prebuilt-image with properties.image';

/** The message for a packaging type stp cannot build here. */
export function imageBuildMessage(packagingType: string, docker: DockerStatus | undefined): string {
  if (!BUILDING_TYPES.has(packagingType)) return `Container packaging type "${packagingType}" is not supported.`;
  if (docker && docker.available) {
    return `${packagingType} packaging: stp does not build container images yet (${docker.detail} is available, but building and pushing images is not implemented); ${ALTERNATIVE}.`;
  }
  return `${packagingType} packaging needs a Docker engine to build the image, and ${docker ? docker.detail : 'none was checked for'}; ${ALTERNATIVE}.`;
}

/**
 * For compile and preview: a warning (the template is still produced and previewable) when an
 * image would have to be built, undefined for prebuilt images.
 */
export function containerPackagingDiagnostic(
  packaging: ContainerPackaging,
  path: (string | number)[],
  docker?: DockerStatus,
): Diagnostic | undefined {
  if (packaging.type === 'prebuilt-image') return undefined;
  return {
    code: 'STP_PACKAGE_IMAGE_BUILD_UNAVAILABLE',
    severity: 'warning',
    message: imageBuildMessage(packaging.type, docker),
    path,
    hint: 'use packaging type prebuilt-image',
  };
}

export class ImageBuildUnavailableError extends StpError {
  override name = 'ImageBuildUnavailableError';
  constructor(message: string) {
    super('config', message, { code: 'STP_PACKAGE_IMAGE_BUILD_UNAVAILABLE', fix: 'Use packaging type prebuilt-image.' });
  }
}
