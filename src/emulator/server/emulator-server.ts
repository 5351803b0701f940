/**
 * The local cloud's single HTTP endpoint, bound to 127.0.0.1 only. It routes each request to a
 * service by signing name (resolve-service.ts), applies fault rules, decodes the protocol
 * (awsQuery, awsJson1.1) or hands the raw request to a REST service (S3, Lambda), and encodes the
 * result or the error in that protocol. Every response carries `Date` and `x-amzn-RequestId`.
 *
 * Unsigned extra route: `PUT /__stp/cfn-response/<token>` — the response URL the emulator gives
 * custom resources; the body goes to CloudFormation's handleCustomResourceResponse.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsServiceError } from '../core/aws-error.js';
import type { HttpRequestData, HttpResponseData } from '../core/backends.js';
import { isRestService } from '../core/rest-service.js';
import type { EmulatorService, RequestInfo } from '../core/service.js';
import { UnsupportedOperationError } from '../core/unsupported-operation.js';
import type { FaultInjector, RequestFault } from '../faults/fault-injector.js';
import { decodeJsonBody, encodeJsonError, encodeJsonResponse, parseJsonTarget } from '../protocols/aws-json.js';
import { decodeQueryParams, encodeQueryError, encodeQueryResponse, QUERY_XML_NAMESPACES } from '../protocols/aws-query.js';
import { EVENT_STREAM_CONTENT_TYPE, EventStreamResult } from '../protocols/event-stream.js';
import { encodeEc2Error, encodeEc2Response } from '../protocols/ec2-query.js';
import { encodeRestJsonError, encodeRestXmlError } from '../protocols/rest-errors.js';
import { callerAccountOf } from './caller-account.js';
import { resolveService } from './resolve-service.js';

export const CFN_RESPONSE_PATH_PREFIX = '/__stp/cfn-response/';

export interface EmulatorServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  services: EmulatorService[];
  faults: FaultInjector;
  accountId: string;
  log(line: string): void;
  /** Receives custom-resource responses PUT to the response URL. */
  customResourceResponse?: (token: string, body: Buffer) => Promise<void>;
  /** One line per answered request (`stp local --verbose`): service, operation, status, duration. */
  requestLog?: (line: string) => void;
  /**
   * HTTP sent to a local load balancer: `/__stp/elb/<dns name>/<port><path>` (the local Lambda
   * routes a function's requests to `*.elb.amazonaws.com` here).
   */
  loadBalancerTraffic?: (request: { host: string; port: number; method: string; path: string }) => HttpResponseData;
}

/** Where the local Lambda sends a function's HTTP requests to an emulated load balancer. */
export const ELB_TRAFFIC_PATH_PREFIX = '/__stp/elb/';

export interface EmulatorServer {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

type Protocol = 'query' | 'json' | 'rest-xml' | 'rest-json';

function restProtocolOf(signingName: string): Protocol {
  return signingName === 's3' ? 'rest-xml' : 'rest-json';
}

function flattenHeaders(raw: IncomingMessage['headers']): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function faultError(fault: Exclude<RequestFault, { kind: 'drop' }>, protocol: Protocol): AwsServiceError {
  if (fault.kind === 'throttle') {
    if (protocol === 'query') return new AwsServiceError('Throttling', 'Rate exceeded', 400);
    if (protocol === 'json') return new AwsServiceError('ThrottlingException', 'Rate exceeded', 400);
    if (protocol === 'rest-xml') return new AwsServiceError('SlowDown', 'Please reduce your request rate.', 503);
    return new AwsServiceError('TooManyRequestsException', 'Rate exceeded', 429);
  }
  const status = fault.status;
  if (protocol === 'rest-xml') {
    return status === 503
      ? new AwsServiceError('ServiceUnavailable', 'Service is unable to handle request.', 503)
      : new AwsServiceError('InternalError', 'We encountered an internal error. Please try again.', status);
  }
  if (status === 503) {
    return new AwsServiceError(protocol === 'json' ? 'ServiceUnavailableException' : 'ServiceUnavailable', 'Service is unavailable.', 503);
  }
  return new AwsServiceError(protocol === 'rest-json' ? 'ServiceException' : 'InternalFailure', 'An internal error occurred.', status);
}

function unknownOperationError(protocol: Protocol, service: string, operation: string, detail?: string): AwsServiceError {
  switch (protocol) {
    case 'query':
      return new AwsServiceError('InvalidAction', `The action ${operation} is not valid for this web service.`, 400);
    case 'json':
      return new AwsServiceError(
        'UnknownOperationException',
        `The local cloud does not support ${service} ${operation}${detail ? ` (${detail})` : ''}.`,
        400,
      );
    case 'rest-xml':
      return new AwsServiceError('NotImplemented', `The local cloud does not implement S3 ${operation}${detail ? ` (${detail})` : ''}.`, 501);
    case 'rest-json':
      return new AwsServiceError('UnknownOperationException', `The local cloud does not support ${service} ${operation}${detail ? ` (${detail})` : ''}.`, 404);
  }
}

function encodeError(error: AwsServiceError, protocol: Protocol, signingName: string, requestId: string): HttpResponseData {
  switch (protocol) {
    case 'query':
      // EC2's query dialect answers errors in its own envelope.
      if (signingName === 'ec2') return encodeEc2Error(error, requestId);
      return encodeQueryError(error, QUERY_XML_NAMESPACES[signingName] ?? `https://${signingName}.amazonaws.com/doc/`, requestId);
    case 'json':
      return encodeJsonError(error);
    case 'rest-xml':
      return encodeRestXmlError(error, requestId);
    case 'rest-json':
      return encodeRestJsonError(error);
  }
}

export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const services = new Map<string, EmulatorService>();
  for (const service of options.services) {
    if (services.has(service.signingName)) throw new Error(`Two emulator services claim signing name "${service.signingName}".`);
    services.set(service.signingName, service);
  }

  // What each request turned out to be, for the request log.
  const describedRequests = new WeakMap<ServerResponse, { service: string; operation: string }>();

  const send = (req: IncomingMessage, res: ServerResponse, requestId: string, signingName: string | undefined, response: HttpResponseData) => {
    const body = response.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
    const headers: Record<string, string> = { ...(response.headers ?? {}) };
    const lower = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
    if (!lower.has('date')) headers.Date = new Date().toUTCString();
    if (!lower.has('x-amzn-requestid')) headers['x-amzn-RequestId'] = requestId;
    if (signingName === 's3' && !lower.has('x-amz-request-id')) {
      headers['x-amz-request-id'] = requestId;
      headers['x-amz-id-2'] = randomBytes(24).toString('base64');
    }
    if (!lower.has('content-length')) headers['Content-Length'] = String(body.length);
    res.writeHead(response.status, headers);
    if (req.method === 'HEAD' || response.status === 204 || response.status === 304) res.end();
    else res.end(body);
  };

  const streamEvents = (res: ServerResponse, requestId: string, result: EventStreamResult) => {
    res.writeHead(200, {
      'Content-Type': EVENT_STREAM_CONTENT_TYPE,
      Date: new Date().toUTCString(),
      'x-amzn-RequestId': requestId,
    });
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    result.run({
      send: (frame) => {
        if (!res.writableEnded && !res.destroyed) res.write(frame);
      },
      end: () => {
        if (!res.writableEnded) res.end();
      },
      signal: controller.signal,
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = flattenHeaders(req.headers);
    const body = await readBody(req);
    const method = req.method ?? 'GET';

    if (url.pathname.startsWith(CFN_RESPONSE_PATH_PREFIX) && (method === 'PUT' || method === 'POST')) {
      const token = decodeURIComponent(url.pathname.slice(CFN_RESPONSE_PATH_PREFIX.length));
      if (!options.customResourceResponse) {
        options.log('local cloud: a custom resource response arrived but CloudFormation is not running');
        return send(req, res, requestId, 's3', encodeRestXmlError(new AwsServiceError('NoSuchKey', 'The specified key does not exist.', 404), requestId));
      }
      try {
        await options.customResourceResponse(token, body);
        return send(req, res, requestId, 's3', { status: 200, headers: { ETag: '"0"' } });
      } catch (error) {
        const awsError = error instanceof AwsServiceError ? error : new AwsServiceError('InternalError', (error as Error).message, 500);
        if (!(error instanceof AwsServiceError)) options.log(`local cloud: custom resource response handler failed: ${(error as Error).message}`);
        return send(req, res, requestId, 's3', encodeRestXmlError(awsError, requestId));
      }
    }

    if (url.pathname.startsWith(ELB_TRAFFIC_PATH_PREFIX) && options.loadBalancerTraffic) {
      const [host = '', port = '80', ...rest] = url.pathname.slice(ELB_TRAFFIC_PATH_PREFIX.length).split('/');
      const response = options.loadBalancerTraffic({ host, port: Number(port), method, path: `/${rest.join('/')}` });
      options.requestLog?.(`elb ${method} ${host}:${port}/${rest.join('/')} ${response.status}`);
      res.writeHead(response.status, response.headers ?? {});
      res.end(response.body ?? '');
      return;
    }

    const contentType = headers['content-type'] ?? '';
    const isForm = contentType.startsWith('application/x-www-form-urlencoded');
    const form = isForm ? new URLSearchParams(body.toString('utf8')) : undefined;
    const resolved = resolveService(url.pathname, headers, url.searchParams, form);
    const described = { service: resolved.signingName, operation: `${method} ${url.pathname}` };
    describedRequests.set(res, described);
    const service = services.get(resolved.signingName);
    const accountId = callerAccountOf(headers, url.searchParams, options.accountId);
    const info: RequestInfo = { requestId, region: resolved.region, accountId, body, headers };

    let protocol: Protocol;
    let operation: string | undefined;
    let input: Record<string, unknown> | undefined;
    let httpRequest: HttpRequestData | undefined;
    const target = parseJsonTarget(headers['x-amz-target']);
    if (service && isRestService(service)) {
      protocol = restProtocolOf(resolved.signingName);
      httpRequest = { method, path: url.pathname, query: url.searchParams, headers, body };
      operation = service.operationFor?.(httpRequest);
    } else if (target || contentType.includes('json')) {
      protocol = 'json';
      operation = target?.operation;
      input = decodeJsonBody(body);
    } else if (form || url.searchParams.has('Action')) {
      protocol = 'query';
      const params = new URLSearchParams(url.searchParams);
      for (const [name, value] of form ?? []) params.append(name, value);
      const decoded = decodeQueryParams(params);
      operation = decoded.action;
      input = decoded.input;
    } else {
      protocol = restProtocolOf(resolved.signingName);
    }

    if (operation) described.operation = operation;
    const decision = options.faults.forRequest(resolved.signingName, operation);
    if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    if (decision.fault) {
      const where = `${resolved.signingName} ${operation ?? `${method} ${url.pathname}`}`;
      if (decision.fault.kind === 'drop') {
        options.log(`local cloud: fault injected: dropped the connection for ${where}`);
        req.socket.destroy();
        return;
      }
      const error = faultError(decision.fault, protocol);
      options.log(`local cloud: fault injected: ${error.code} (${error.status}) for ${where}`);
      return send(req, res, requestId, resolved.signingName, encodeError(error, protocol, resolved.signingName, requestId));
    }

    if (!service) {
      const op = operation ?? `${method} ${url.pathname}`;
      options.log(`local cloud: unsupported service "${resolved.signingName}" (operation ${op}); the local cloud does not emulate it`);
      const error = unknownOperationError(protocol, resolved.signingName, op, 'service not emulated');
      return send(req, res, requestId, resolved.signingName, encodeError(error, protocol, resolved.signingName, requestId));
    }

    try {
      if (httpRequest && isRestService(service)) {
        const response = await service.handleHttp(httpRequest, info);
        return send(req, res, requestId, resolved.signingName, response);
      }
      if (protocol === 'json' && input === undefined) {
        throw new AwsServiceError('SerializationException', 'The request body is not a JSON object.', 400);
      }
      if (!operation) {
        throw protocol === 'query'
          ? new AwsServiceError('MissingAction', 'Missing Action', 400)
          : new AwsServiceError('UnknownOperationException', 'Missing X-Amz-Target header.', 400);
      }
      const result = await service.handle(operation, input ?? {}, info);
      if (result instanceof EventStreamResult) return streamEvents(res, requestId, result);
      const response =
        protocol === 'query' && resolved.signingName === 'ec2'
          ? encodeEc2Response(operation, result, requestId)
          : protocol === 'query'
          ? encodeQueryResponse(operation, QUERY_XML_NAMESPACES[resolved.signingName] ?? '', result, requestId)
          : encodeJsonResponse(result);
      return send(req, res, requestId, resolved.signingName, response);
    } catch (error) {
      if (error instanceof AwsServiceError) {
        return send(req, res, requestId, resolved.signingName, encodeError(error, protocol, resolved.signingName, requestId));
      }
      if (error instanceof UnsupportedOperationError) {
        options.log(`local cloud: unsupported operation ${error.service} ${error.operation}${error.detail ? ` (${error.detail})` : ''}`);
        const answer = unknownOperationError(protocol, error.service, error.operation, error.detail);
        return send(req, res, requestId, resolved.signingName, encodeError(answer, protocol, resolved.signingName, requestId));
      }
      options.log(`local cloud: ${resolved.signingName} ${operation ?? url.pathname} crashed: ${(error as Error).stack ?? String(error)}`);
      const internal =
        protocol === 'rest-xml'
          ? new AwsServiceError('InternalError', 'We encountered an internal error. Please try again.', 500)
          : new AwsServiceError(protocol === 'rest-json' ? 'ServiceException' : 'InternalFailure', 'An internal error occurred.', 500);
      return send(req, res, requestId, resolved.signingName, encodeError(internal, protocol, resolved.signingName, requestId));
    }
  };

  const server = createServer((req, res) => {
    if (options.requestLog) {
      const started = performance.now();
      const requestLog = options.requestLog;
      res.on('close', () => {
        const what = describedRequests.get(res);
        const name = what ? `${what.service} ${what.operation}` : `${req.method} ${req.url}`;
        const outcome = res.headersSent ? String(res.statusCode) : 'dropped';
        requestLog(`${name} → ${outcome} (${(performance.now() - started).toFixed(1)} ms)`);
      });
    }
    handle(req, res).catch((error: unknown) => {
      options.log(`local cloud: request failed: ${(error as Error).message}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Length': '0' });
        res.end();
      } else res.destroy();
    });
  });
  // SDK keep-alive sockets must not keep stop() waiting.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
