declare const __STP_VERSION__: string | undefined;

/** Injected by the bundler (scripts/build.mjs); `dev` when running from source. */
export const STP_VERSION: string = typeof __STP_VERSION__ === 'string' ? __STP_VERSION__ : 'dev';
