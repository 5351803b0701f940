/**
 * The CloudFormation resource specification, as shipped in `@aws-cdk/aws-service-spec`.
 *
 * Loading that package's `db.json.gz` takes most of a second (15 MB of JSON with docs, metrics,
 * events), far too slow for `stp compile`. So a compact index (types, property names, required,
 * replacement behaviour, nested type shapes, attributes, Ref identifiers, tagging) is built once:
 * at build time by `scripts/build-resource-spec-index.mjs` into `dist/cfn-spec-index.json`,
 * or, when that file is missing (tests, a fresh checkout), from the db on first use, cached under
 * `node_modules/.cache/stp/`. Both the compiler (validation) and the emulator (change-set
 * replacement) read it through this module.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

export type ReplacementKind = 'yes' | 'no' | 'maybe';

export type PrimitiveKind = 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'date-time' | 'null';

export type PropertyTypeSpec =
  | { kind: 'primitive'; primitive: PrimitiveKind }
  /** The legacy `{ Key, Value }` tag type. */
  | { kind: 'tag' }
  | { kind: 'object'; name: string; readonly properties: Readonly<Record<string, PropertySpec>> }
  | { kind: 'array'; element: PropertyTypeSpec }
  | { kind: 'map'; element: PropertyTypeSpec }
  | { kind: 'union'; types: PropertyTypeSpec[] };

export interface PropertySpec {
  name: string;
  required: boolean;
  causesReplacement: ReplacementKind;
  type: PropertyTypeSpec;
}

export interface ResourceTypeSpec {
  type: string;
  properties: Readonly<Record<string, PropertySpec>>;
  /** Names usable with `Fn::GetAtt`, including dotted ones such as `Endpoint.Address`. */
  attributes: readonly string[];
  /** What `Ref` returns: the CloudFormation identifier property name(s). */
  refReturns: readonly string[];
  /** The property holding tags, when the type is taggable. */
  tagPropertyName?: string;
  /** A transform the type needs (e.g. `AWS::Serverless-2016-10-31`). */
  transform?: string;
  /** Deep paths (beyond per-property flags) that force replacement. */
  additionalReplacementPaths: readonly (readonly string[])[];
}

// ---------------------------------------------------------------------------------------------
// The compact index format (what the build step writes). Short keys keep the file small.

/** s string, n number, i integer, b boolean, j json, d date-time, z null, T tag; or composites. */
export type IndexTypeCode = string | { r: number } | { a: IndexTypeCode } | { m: IndexTypeCode } | { u: IndexTypeCode[] };

export interface IndexProperty {
  t: IndexTypeCode;
  /** required */
  q?: 1;
  /** causes replacement: y(es) / m(aybe); absent = no */
  c?: 'y' | 'm';
}

export interface IndexResource {
  p: Record<string, IndexProperty>;
  a: string[];
  ref: string[];
  tag?: string;
  tf?: string;
  ar?: string[][];
}

/**
 * Entries are JSON strings, parsed only when asked for: parsing ~10k small objects up front
 * costs ~100 ms. On disk each entry is one line of raw JSON (see encodeSpecIndex), so loading
 * splits lines instead of parsing 2 MB of escaped strings (~5 ms instead of ~20 ms).
 */
export interface SpecIndex {
  format: typeof INDEX_FORMAT;
  specVersion: string;
  /** JSON of an IndexResource, by CloudFormation type. */
  resources: Record<string, string>;
  /** JSON of [name, properties] per type definition, by compact id. */
  types: string[];
}

type IndexTypeDefinition = [string, Record<string, IndexProperty>];

const INDEX_FORMAT = 3;
/**
 * Plain JSON: gunzip would add ~40% to every load for a file only the build writes. Gzipped
 * indexes (a `.gz` name or gzip magic bytes) are read too.
 */
export const SPEC_INDEX_FILE_NAME = 'cfn-spec-index.json';

// ---------------------------------------------------------------------------------------------
// Building the index from the raw db (the serialized form of @aws-cdk/service-spec-types'
// SpecDatabase: `schema.<entity>.entities[]`, entities carry `$id`, references are `{ $ref }`).

interface RawType {
  type: string;
  element?: RawType;
  types?: RawType[];
  reference?: { $ref: string };
}
interface RawProperty {
  type: RawType;
  required?: boolean;
  causesReplacement?: ReplacementKind;
}
interface RawResource {
  $id: string;
  cloudFormationType: string;
  cloudFormationTransform?: string;
  primaryIdentifier?: string[];
  cfnRefIdentifier?: string[];
  properties: Record<string, RawProperty>;
  attributes: Record<string, unknown>;
  tagInformation?: { tagPropertyName: string };
  additionalReplacementProperties?: string[][];
}
interface RawTypeDefinition {
  $id: string;
  name: string;
  properties: Record<string, RawProperty>;
}
interface RawDb {
  schema: {
    resource: { entities: RawResource[] };
    typeDefinition: { entities: RawTypeDefinition[] };
  };
}

const PRIMITIVE_CODES: Record<string, string> = {
  string: 's',
  number: 'n',
  integer: 'i',
  boolean: 'b',
  json: 'j',
  'date-time': 'd',
  null: 'z',
  tag: 'T',
};

/** Builds the compact index from the parsed db. Exported for the build script. */
export function buildSpecIndex(db: RawDb, specVersion: string): SpecIndex {
  const rawTypes = new Map<string, RawTypeDefinition>();
  for (const t of db.schema.typeDefinition.entities) rawTypes.set(t.$id, t);

  const types: IndexTypeDefinition[] = [];
  const compactIds = new Map<string, number>();

  const encodeType = (raw: RawType): IndexTypeCode => {
    switch (raw.type) {
      case 'ref': {
        const rawId = raw.reference?.$ref;
        if (rawId === undefined || !rawTypes.has(rawId)) return 'j';
        return { r: internType(rawId) };
      }
      case 'array':
        return { a: raw.element ? encodeType(raw.element) : 'j' };
      case 'map':
        return { m: raw.element ? encodeType(raw.element) : 'j' };
      case 'union':
        return { u: (raw.types ?? []).map(encodeType) };
      default:
        return PRIMITIVE_CODES[raw.type] ?? 'j';
    }
  };
  const encodeProperties = (props: Record<string, RawProperty>): Record<string, IndexProperty> => {
    const out: Record<string, IndexProperty> = {};
    for (const name of Object.keys(props).sort()) {
      const p = props[name]!;
      const entry: IndexProperty = { t: encodeType(p.type) };
      if (p.required) entry.q = 1;
      if (p.causesReplacement === 'yes') entry.c = 'y';
      else if (p.causesReplacement === 'maybe') entry.c = 'm';
      out[name] = entry;
    }
    return out;
  };
  // Type definitions can be recursive: reserve the id before encoding the properties.
  const internType = (rawId: string): number => {
    const known = compactIds.get(rawId);
    if (known !== undefined) return known;
    const def = rawTypes.get(rawId)!;
    const id = types.length;
    compactIds.set(rawId, id);
    const slot: IndexTypeDefinition = [def.name, {}];
    types.push(slot);
    slot[1] = encodeProperties(def.properties);
    return id;
  };

  const resources: Record<string, string> = {};
  const sorted = [...db.schema.resource.entities].sort((a, b) =>
    a.cloudFormationType < b.cloudFormationType ? -1 : a.cloudFormationType > b.cloudFormationType ? 1 : 0,
  );
  for (const r of sorted) {
    const entry: IndexResource = {
      p: encodeProperties(r.properties),
      a: Object.keys(r.attributes).sort(),
      ref: r.cfnRefIdentifier ?? r.primaryIdentifier ?? [],
    };
    if (r.tagInformation) entry.tag = r.tagInformation.tagPropertyName;
    if (r.cloudFormationTransform) entry.tf = r.cloudFormationTransform;
    if (r.additionalReplacementProperties?.length) {
      // The db repeats entries once per import source; keep each path once.
      const unique = new Map(r.additionalReplacementProperties.map((p) => [p.join('\u0000'), p]));
      entry.ar = [...unique.values()];
    }
    resources[r.cloudFormationType] = JSON.stringify(entry);
  }
  return { format: INDEX_FORMAT, specVersion, resources, types: types.map((t) => JSON.stringify(t)) };
}

// ---------------------------------------------------------------------------------------------
// Locating and loading.

const requireFromHere = createRequire(import.meta.url);

function specPackageDir(): string {
  return dirname(requireFromHere.resolve('@aws-cdk/aws-service-spec/package.json'));
}

export function installedSpecVersion(): string {
  return (JSON.parse(readFileSync(join(specPackageDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Reads and parses the full db (slow: ~0.6 s). */
export function readRawSpecDb(): RawDb {
  return JSON.parse(gunzipSync(readFileSync(join(specPackageDir(), 'db.json.gz'))).toString('utf8')) as RawDb;
}

export function buildSpecIndexFromInstalledDb(): SpecIndex {
  return buildSpecIndex(readRawSpecDb(), installedSpecVersion());
}

/**
 * The file is valid JSON, laid out in lines: a header line (format, version, the resource type
 * names in order, the number of type definitions) ending in `"entries":[`, then one entry per
 * line (the resources' JSON in header order, then the type definitions'), then `]}`. Entries are
 * JSON.stringify output, so they never contain a newline.
 */
export function encodeSpecIndex(index: SpecIndex, options: { gzip?: boolean } = {}): Buffer {
  const names = Object.keys(index.resources);
  const header = JSON.stringify({ format: index.format, specVersion: index.specVersion, resourceTypes: names, typeCount: index.types.length });
  const entries = [...names.map((n) => index.resources[n]!), ...index.types];
  const body = entries.length > 0 ? `${entries.join(',\n')}\n` : '';
  const text = `${header.slice(0, -1)},"entries":[\n${body}]}\n`;
  const bytes = Buffer.from(text, 'utf8');
  return options.gzip ? gzipSync(bytes, { level: 9 }) : bytes;
}

interface SpecIndexHeader {
  format: number;
  specVersion: string;
  resourceTypes: string[];
  typeCount: number;
}

/** Reads an index file; undefined when it is not one (or of another format version). */
export function readSpecIndexFile(path: string): SpecIndex | undefined {
  return existsSync(path) ? decodeSpecIndex(readFileSync(path)) : undefined;
}

function decodeSpecIndex(bytes: Buffer): SpecIndex | undefined {
  try {
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const lines = (gzipped ? gunzipSync(bytes) : bytes).toString('utf8').split('\n');
    const first = lines[0] ?? '';
    if (!first.endsWith('"entries":[')) return undefined;
    const header = JSON.parse(`${first}]}`) as SpecIndexHeader;
    if (header.format !== INDEX_FORMAT) return undefined;
    const count = header.resourceTypes.length + header.typeCount;
    if (lines.length < count + 2 || lines[count + 1] !== ']}') return undefined;
    const entry = (i: number) => {
      const line = lines[i + 1]!;
      return i < count - 1 ? line.slice(0, -1) : line;
    };
    const resources: Record<string, string> = {};
    header.resourceTypes.forEach((name, i) => {
      resources[name] = entry(i);
    });
    const types: string[] = [];
    for (let i = header.resourceTypes.length; i < count; i++) types.push(entry(i));
    return { format: INDEX_FORMAT, specVersion: header.specVersion, resources, types };
  } catch {
    return undefined;
  }
}

/**
 * Where a prebuilt index may be: next to the running module (the bundled `dist/stp.mjs`), or in
 * the repository's `dist/` when running from source (this file is `src/cloudformation/`) or from a
 * bundled chunk (`dist/chunks/`).
 */
function prebuiltIndexCandidates(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const dist = join(here, '..', '..', 'dist');
  return [here, dist].flatMap((dir) => [join(dir, SPEC_INDEX_FILE_NAME), join(dir, `${SPEC_INDEX_FILE_NAME}.gz`)]);
}

function fallbackCachePath(version: string): string {
  // node_modules/@aws-cdk/aws-service-spec → node_modules/.cache/stp
  const nodeModules = dirname(dirname(specPackageDir()));
  return join(nodeModules, '.cache', 'stp', `cfn-spec-index-${version}.json`);
}

function loadSpecIndex(): SpecIndex {
  // Without the spec package (a bundled CLI shipped with only its index) the prebuilt index is
  // trusted as is; with it, an index built from another version is stale and ignored.
  let version: string | undefined;
  try {
    version = installedSpecVersion();
  } catch {
    version = undefined;
  }
  const explicit = process.env.STP_CFN_SPEC_INDEX;
  const candidates = [...(explicit ? [explicit] : []), ...prebuiltIndexCandidates()];
  const cachePath = version === undefined ? undefined : fallbackCachePath(version);
  if (cachePath) candidates.push(cachePath);
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const index = decodeSpecIndex(readFileSync(path));
    if (index && (version === undefined || index.specVersion === version)) return index;
  }
  if (version === undefined) {
    throw new Error(
      `The CloudFormation resource specification is missing: neither ${SPEC_INDEX_FILE_NAME} nor the @aws-cdk/aws-service-spec package was found.`,
    );
  }
  const index = buildSpecIndexFromInstalledDb();
  if (cachePath) {
    try {
      mkdirSync(dirname(cachePath), { recursive: true });
      // Write then rename, so a concurrent reader never sees half a file.
      const tmp = `${cachePath}.${process.pid}.tmp`;
      writeFileSync(tmp, encodeSpecIndex(index));
      renameSync(tmp, cachePath);
    } catch {
      // A read-only install still works, just slower on every start.
    }
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// The queryable view over an index.

const PRIMITIVES: Record<string, PrimitiveKind> = {
  s: 'string',
  n: 'number',
  i: 'integer',
  b: 'boolean',
  j: 'json',
  d: 'date-time',
  z: 'null',
};

const SEVERITY: Record<ReplacementKind, number> = { no: 0, maybe: 1, yes: 2 };

export class ResourceSpec {
  private readonly resourceCache = new Map<string, ResourceTypeSpec>();
  private readonly objectTypeCache = new Map<number, PropertyTypeSpec>();

  constructor(private readonly index: SpecIndex) {}

  get specVersion(): string {
    return this.index.specVersion;
  }

  /** All resource type names, sorted. */
  resourceTypeNames(): string[] {
    return Object.keys(this.index.resources);
  }

  /**
   * The spec of a resource type. `Custom::Anything` resolves to
   * `AWS::CloudFormation::CustomResource` (ServiceToken plus free-form properties).
   */
  getResourceType(type: string): ResourceTypeSpec | undefined {
    const lookup = type.startsWith('Custom::') ? 'AWS::CloudFormation::CustomResource' : type;
    const cached = this.resourceCache.get(lookup);
    if (cached) return cached;
    const json = this.index.resources[lookup];
    if (json === undefined) return undefined;
    const raw = JSON.parse(json) as IndexResource;
    const spec: ResourceTypeSpec = {
      type: lookup,
      properties: this.decodeProperties(raw.p),
      attributes: raw.a,
      refReturns: raw.ref,
      additionalReplacementPaths: raw.ar ?? [],
      ...(raw.tag !== undefined ? { tagPropertyName: raw.tag } : {}),
      ...(raw.tf !== undefined ? { transform: raw.tf } : {}),
    };
    this.resourceCache.set(lookup, spec);
    return spec;
  }

  /**
   * Whether changing the property at `propertyPath` replaces the resource. The path is a
   * property name, a list of segments (`['VpcConfig', 'SubnetIds']`; array indices may be numbers
   * or `*`), or a CloudFormation change-set path (`/Properties/VpcConfig/SubnetIds`). The most
   * severe flag along the path wins: a change inside an immutable property replaces. Unknown
   * types and properties answer `no`.
   */
  causesReplacement(type: string, propertyPath: string | readonly (string | number)[]): ReplacementKind {
    const resource = this.getResourceType(type);
    if (!resource) return 'no';
    const segments = normalizePath(propertyPath);
    if (segments.length === 0) return 'no';
    let worst: ReplacementKind = 'no';
    for (const extra of resource.additionalReplacementPaths) {
      if (pathMatches(extra, segments)) return 'yes';
    }
    let properties: Readonly<Record<string, PropertySpec>> | undefined = resource.properties;
    let i = 0;
    while (properties && i < segments.length) {
      const prop: PropertySpec | undefined = properties[String(segments[i])];
      if (!prop) break;
      if (SEVERITY[prop.causesReplacement] > SEVERITY[worst]) worst = prop.causesReplacement;
      if (worst === 'yes') return worst;
      i++;
      // Step through arrays and maps (skip their index/key segment) to the object below.
      let t: PropertyTypeSpec = prop.type;
      while ((t.kind === 'array' || t.kind === 'map') && i < segments.length) {
        t = t.element;
        i++;
      }
      // A union that allows an object (e.g. object or string) is walked as that object.
      if (t.kind === 'union') t = t.types.find((member) => member.kind === 'object') ?? t;
      properties = t.kind === 'object' ? t.properties : undefined;
    }
    return worst;
  }

  attributeNames(type: string): readonly string[] {
    return this.getResourceType(type)?.attributes ?? [];
  }

  refReturns(type: string): readonly string[] {
    return this.getResourceType(type)?.refReturns ?? [];
  }

  isTaggable(type: string): boolean {
    return this.getResourceType(type)?.tagPropertyName !== undefined;
  }

  propertyNames(type: string): string[] {
    const r = this.getResourceType(type);
    return r ? Object.keys(r.properties) : [];
  }

  requiredProperties(type: string): string[] {
    const r = this.getResourceType(type);
    return r ? Object.values(r.properties).filter((p) => p.required).map((p) => p.name) : [];
  }

  private decodeProperties(raw: Record<string, IndexProperty>): Record<string, PropertySpec> {
    const out: Record<string, PropertySpec> = {};
    for (const [name, p] of Object.entries(raw)) {
      out[name] = {
        name,
        required: p.q === 1,
        causesReplacement: p.c === 'y' ? 'yes' : p.c === 'm' ? 'maybe' : 'no',
        type: this.decodeType(p.t),
      };
    }
    return out;
  }

  private decodeType(code: IndexTypeCode): PropertyTypeSpec {
    if (typeof code === 'string') {
      if (code === 'T') return { kind: 'tag' };
      return { kind: 'primitive', primitive: PRIMITIVES[code] ?? 'json' };
    }
    if ('r' in code) return this.objectType(code.r);
    if ('a' in code) return { kind: 'array', element: this.decodeType(code.a) };
    if ('m' in code) return { kind: 'map', element: this.decodeType(code.m) };
    return { kind: 'union', types: code.u.map((c) => this.decodeType(c)) };
  }

  /** Object types decode their properties on first access, which also makes recursion safe. */
  private objectType(id: number): PropertyTypeSpec {
    const cached = this.objectTypeCache.get(id);
    if (cached) return cached;
    const json = this.index.types[id];
    const [name, rawProps] = json === undefined ? ['Unknown', {}] : (JSON.parse(json) as IndexTypeDefinition);
    let decoded: Record<string, PropertySpec> | undefined;
    const decode = () => this.decodeProperties(rawProps);
    const spec: PropertyTypeSpec = {
      kind: 'object',
      name,
      get properties() {
        decoded ??= decode();
        return decoded;
      },
    };
    this.objectTypeCache.set(id, spec);
    return spec;
  }
}

function normalizePath(path: string | readonly (string | number)[]): (string | number)[] {
  if (typeof path !== 'string') return [...path];
  const parts = path.split(/[/.]/).filter((p) => p !== '');
  if (parts[0] === 'Properties') parts.shift();
  return parts;
}

function pathMatches(pattern: readonly string[], segments: readonly (string | number)[]): boolean {
  // A change at or below the pattern, or a change of a whole ancestor of it, touches it.
  const n = Math.min(pattern.length, segments.length);
  for (let i = 0; i < n; i++) {
    const p = pattern[i]!;
    const s = String(segments[i]);
    if (p !== '*' && s !== '*' && p !== s) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The shared, lazily loaded instance and the function API over it.

let shared: ResourceSpec | undefined;

export function resourceSpec(): ResourceSpec {
  shared ??= new ResourceSpec(loadSpecIndex());
  return shared;
}

export function getResourceType(type: string): ResourceTypeSpec | undefined {
  return resourceSpec().getResourceType(type);
}
export function causesReplacement(type: string, propertyPath: string | readonly (string | number)[]): ReplacementKind {
  return resourceSpec().causesReplacement(type, propertyPath);
}
export function attributeNames(type: string): readonly string[] {
  return resourceSpec().attributeNames(type);
}
export function refReturns(type: string): readonly string[] {
  return resourceSpec().refReturns(type);
}
export function isTaggable(type: string): boolean {
  return resourceSpec().isTaggable(type);
}
export function propertyNames(type: string): string[] {
  return resourceSpec().propertyNames(type);
}
export function requiredProperties(type: string): string[] {
  return resourceSpec().requiredProperties(type);
}
