/**
 * Metric filters of the local CloudWatch Logs: PutMetricFilter, DescribeMetricFilters,
 * DeleteMetricFilter. They are kept with their log group (and go with it); the local cloud has no
 * CloudWatch metrics, so nothing is ever published from them. Shapes and validation messages are
 * AWS's as recorded in LocalStack's test_logs_metric_filters snapshots.
 */
import { AwsServiceError } from '../../core/aws-error.js';
import type { LogStore } from './log-store.js';

export interface MetricTransformation {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue?: number;
  unit?: string;
  dimensions?: Record<string, string>;
}

export interface MetricFilter {
  filterName: string;
  filterPattern: string;
  metricTransformations: MetricTransformation[];
  creationTime: number;
}

type Input = Record<string, unknown>;

const invalid = (message: string) => new AwsServiceError('InvalidParameterException', message, 400);

function maxLength(value: string | undefined, field: string, max: number): void {
  if (value !== undefined && value.length > max) {
    throw invalid(`1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  }
}

function text(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsServiceError('SerializationException', `${name} must be a string`, 400);
  return value;
}

function required(input: Input, name: string): string {
  const value = text(input, name);
  if (value === undefined) throw invalid(`1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  return value;
}

/** How AWS renders a transformation list in a validation message (Java's toString). */
function describeTransformations(list: MetricTransformation[]): string {
  const one = (t: MetricTransformation) =>
    `MetricTransformation(metricName=${t.metricName}, metricNamespace=${t.metricNamespace}, metricValue=${t.metricValue}, defaultValue=${t.defaultValue ?? 'null'}, unit=${t.unit ?? 'null'}, dimensions=${t.dimensions ? JSON.stringify(t.dimensions) : 'null'})`;
  return `[${list.map(one).join(', ')}]`;
}

export function metricFilterOperations(store: LogStore, changed: () => void, groupNotFound: () => AwsServiceError) {
  const groupName = (input: Input): string => {
    const name = required(input, 'logGroupName');
    if (name.length > 512) throw invalid('Invalid LogGroup or LogStream, both must have length less than or equal to 512.');
    return name;
  };
  return {
    PutMetricFilter(input: Input) {
      const logGroupName = groupName(input);
      const filterName = required(input, 'filterName');
      const filterPattern = required(input, 'filterPattern');
      maxLength(filterName, 'filterName', 512);
      maxLength(filterPattern, 'filterPattern', 1024);
      const transformations = (input.metricTransformations ?? []) as MetricTransformation[];
      if (!Array.isArray(transformations) || transformations.length === 0) {
        throw invalid("1 validation error detected: Value null at 'metricTransformations' failed to satisfy constraint: Member must not be null");
      }
      if (transformations.length > 1) {
        throw invalid(
          `1 validation error detected: Value '${describeTransformations(transformations)}' at 'metricTransformations' failed to satisfy constraint: Member must have length less than or equal to 1`,
        );
      }
      const group = store.groups.get(logGroupName);
      if (!group) throw groupNotFound();
      const filters = group.metricFilters ?? [];
      const existing = filters.find((filter) => filter.filterName === filterName);
      if (!existing && filters.length >= 100) throw new AwsServiceError('LimitExceededException', 'Resource limit exceeded.', 400);
      const filter: MetricFilter = {
        filterName,
        filterPattern,
        metricTransformations: transformations.map((t) => ({
          metricName: t.metricName,
          metricNamespace: t.metricNamespace,
          metricValue: t.metricValue,
          ...(t.defaultValue !== undefined ? { defaultValue: t.defaultValue } : {}),
          ...(t.unit !== undefined ? { unit: t.unit } : {}),
          ...(t.dimensions !== undefined ? { dimensions: t.dimensions } : {}),
        })),
        creationTime: existing?.creationTime ?? Date.now(),
      };
      group.metricFilters = [...filters.filter((other) => other.filterName !== filterName), filter];
      changed();
      return {};
    },

    DescribeMetricFilters(input: Input) {
      const logGroupName = text(input, 'logGroupName');
      const prefix = text(input, 'filterNamePrefix');
      const metricName = text(input, 'metricName');
      const metricNamespace = text(input, 'metricNamespace');
      maxLength(prefix, 'filterNamePrefix', 512);
      maxLength(metricName, 'metricName', 255);
      maxLength(metricNamespace, 'metricNamespace', 255);
      const limit = typeof input.limit === 'number' ? input.limit : 50;
      if (limit < 1 || limit > 50) {
        throw invalid(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value ${limit < 1 ? 'greater than or equal to 1' : 'less than or equal to 50'}`);
      }
      const groups = logGroupName !== undefined ? [store.groups.get(logGroupName)].filter((g) => g !== undefined) : [...store.groups.values()];
      if (logGroupName !== undefined && groups.length === 0) throw groupNotFound();
      const all = groups
        .flatMap((group) => (group.metricFilters ?? []).map((filter) => ({ group: group.name, filter })))
        .filter(({ filter }) => prefix === undefined || filter.filterName.startsWith(prefix))
        .filter(({ filter }) => metricName === undefined || filter.metricTransformations.some((t) => t.metricName === metricName))
        .filter(({ filter }) => metricNamespace === undefined || filter.metricTransformations.some((t) => t.metricNamespace === metricNamespace))
        .sort((a, b) => a.filter.filterName.localeCompare(b.filter.filterName) || a.group.localeCompare(b.group));
      const token = text(input, 'nextToken');
      const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
      if (!Number.isInteger(start) || start < 0) throw invalid('The specified nextToken is invalid.');
      const page = all.slice(start, start + limit);
      return {
        metricFilters: page.map(({ group, filter }) => ({
          filterName: filter.filterName,
          filterPattern: filter.filterPattern,
          metricTransformations: filter.metricTransformations,
          creationTime: filter.creationTime,
          logGroupName: group,
          applyOnTransformedLogs: false,
        })),
        ...(start + limit < all.length ? { nextToken: Buffer.from(String(start + limit)).toString('base64url') } : {}),
      };
    },

    DeleteMetricFilter(input: Input) {
      const logGroupName = groupName(input);
      const filterName = required(input, 'filterName');
      maxLength(filterName, 'filterName', 512);
      const group = store.groups.get(logGroupName);
      if (!group) throw groupNotFound();
      if (!(group.metricFilters ?? []).some((filter) => filter.filterName === filterName)) {
        throw new AwsServiceError('ResourceNotFoundException', 'The specified metric filter does not exist.', 400);
      }
      group.metricFilters = group.metricFilters!.filter((filter) => filter.filterName !== filterName);
      changed();
      return {};
    },
  };
}
