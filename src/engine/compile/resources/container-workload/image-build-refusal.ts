/**
 * Compile's refusal of a packaging type that builds a container image: stp does not build images
 * yet (a config error, exit 2). Here, not in engine/package, because packaging depends on compile's
 * contract and never the other way round.
 */
export function imageBuildRefusal(packagingType: string, resource: string): string {
  return `"${resource}" uses ${packagingType} packaging, but stp does not build container images yet, so there would be no image to deploy.`;
}
