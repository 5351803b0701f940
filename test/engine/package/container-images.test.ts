import { describe, expect, it } from 'vitest';
import {
  containerPackagingDiagnostic,
  detectDockerEngine,
  planContainerImage,
  type CommandRunner,
} from '../../../src/engine/package/container-images.js';
import { packageAssets } from '../../../src/engine/package/package-assets.js';

const enoent: CommandRunner = () => Promise.reject(Object.assign(new Error('spawn docker ENOENT'), { code: 'ENOENT' }));

describe('container images', () => {
  it('passes prebuilt images through, with no Docker needed', async () => {
    expect(planContainerImage({ type: 'prebuilt-image', properties: { image: 'nginx:1.27' } })).toEqual({ kind: 'prebuilt', image: 'nginx:1.27' });
    expect(containerPackagingDiagnostic({ type: 'prebuilt-image', properties: { image: 'nginx' } }, ['resources', 'web'])).toBeUndefined();
    const result = await packageAssets(
      [{ kind: 'container-image', id: 'web', logicalId: 'WebTaskDefinition', packaging: { type: 'prebuilt-image', properties: { image: 'public.ecr.aws/nginx/nginx:1.27' } } }],
      { projectDir: '/nonexistent', docker: { available: false, detail: 'none' } },
    );
    expect(result.assets[0]).toMatchObject({ id: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', rebuilt: false, uploaded: false });
    expect(result.summary.images).toBe(1);
  });

  it('detects the engine through `docker version`, and explains what is missing otherwise', async () => {
    const calls: string[][] = [];
    const ok: CommandRunner = async (cmd, args) => {
      calls.push([cmd, ...args]);
      return { stdout: '27.3.1\n' };
    };
    expect(await detectDockerEngine({ run: ok })).toEqual({ available: true, detail: 'Docker engine 27.3.1' });
    expect(calls[0]).toEqual(['docker', 'version', '--format', '{{.Server.Version}}']);

    const noEngine: CommandRunner = () => Promise.reject(Object.assign(new Error('Cannot connect'), { code: 1 }));
    expect((await detectDockerEngine({ run: noEngine })).detail).toMatch(/no Docker engine answered/);

    const none = await detectDockerEngine({ run: enoent, env: {}, socketExists: () => false });
    expect(none).toEqual({ available: false, detail: 'no Docker engine found (no docker CLI, no Docker socket)' });
    const socketOnly = await detectDockerEngine({ run: enoent, env: { DOCKER_HOST: 'unix:///tmp/d.sock' }, socketExists: (p) => p === '/tmp/d.sock' });
    expect(socketOnly.detail).toBe('a Docker socket exists at /tmp/d.sock, but the docker CLI is not installed');
  });

  it('warns at compile time (template still produced) for image builds, naming the alternative', () => {
    const d = containerPackagingDiagnostic(
      { type: 'custom-dockerfile', properties: { buildContextPath: '.' } },
      ['resources', 'api', 'properties', 'packaging'],
      { available: false, detail: 'no Docker engine found (no docker CLI, no Docker socket)' },
    );
    expect(d).toMatchObject({ code: 'STP_PACKAGE_IMAGE_BUILD_UNAVAILABLE', severity: 'warning', path: ['resources', 'api', 'properties', 'packaging'] });
    expect(d!.message).toBe(
      'custom-dockerfile packaging needs a Docker engine to build the image, and no Docker engine found (no docker CLI, no Docker socket); build and push the image yourself (e.g. to Amazon ECR) and use packaging type prebuilt-image with properties.image.',
    );
  });

  it('fails at deploy time for image builds, with the same explanation', async () => {
    const run = packageAssets(
      [{ kind: 'container-image', id: 'api', logicalId: 'ApiTaskDefinition', packaging: { type: 'stacktape-image-buildpack', properties: { entryfilePath: 'src/index.ts' } } }],
      { projectDir: '/nonexistent', docker: { available: false, detail: 'no Docker engine found (no docker CLI, no Docker socket)' } },
    );
    await expect(run).rejects.toThrow(/api: stacktape-image-buildpack packaging needs a Docker engine.*prebuilt-image/);
  });

  it('is honest that stp does not build images even when Docker is there', () => {
    const d = containerPackagingDiagnostic({ type: 'custom-dockerfile' }, [], { available: true, detail: 'Docker engine 27.3.1' });
    expect(d!.message).toMatch(/stp does not build container images yet \(Docker engine 27\.3\.1 is available/);
  });
});
