/**
 * A service that speaks a REST protocol (S3 REST-XML, Lambda REST-JSON) decodes its own requests:
 * the server routes by signing name and hands over the raw request.
 */
import type { HttpRequestData, HttpResponseData } from './backends.js';
import type { EmulatorService, RequestInfo } from './service.js';

export interface RestEmulatorService extends EmulatorService {
  handleHttp(request: HttpRequestData, info: RequestInfo): Promise<HttpResponseData>;
  /**
   * Optional: the operation name a request maps to (e.g. `PutObject`), so fault rules can target
   * operations of REST services and log lines can name them.
   */
  operationFor?(request: HttpRequestData): string | undefined;
}

export function isRestService(service: EmulatorService): service is RestEmulatorService {
  return typeof (service as Partial<RestEmulatorService>).handleHttp === 'function';
}
