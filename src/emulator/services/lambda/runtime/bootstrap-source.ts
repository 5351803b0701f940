/**
 * The Node runtime bootstrap that runs inside each execution environment (one child process).
 *
 * It is kept as source text, not as a module file, so the same code works from `src/` under vitest
 * and from the single bundled `dist/stp.mjs`: the service writes it to the state directory once
 * (content-addressed) and spawns `process.execPath <file>`. It is plain CommonJS JavaScript with
 * no backticks or dollar-brace sequences (it lives inside String.raw).
 *
 * Protocol: the parent writes one JSON line per invocation on stdin; the child answers with frames
 * on stdout, each a line starting with U+001E followed by JSON (stdout to a pipe is synchronous on
 * Linux, so frames, console lines and raw writes keep their order even when the handler then calls
 * process.exit). Frames: log {t, line}, ready {rss}, init-error {error}, result {id, payload, rss},
 * error {id, error, rss, fatal}. Anything else on stdout/stderr is the function's raw output.
 */
export const BOOTSTRAP_SOURCE = String.raw`'use strict';
const fs = require('node:fs');
const path = require('node:path');
const url = require('node:url');
const util = require('node:util');
const readline = require('node:readline');

// NODE_PATH serves require(); import() ignores it, so a resolve hook retries a bare specifier that
// was not found from each NODE_PATH folder holding that package (how the runtime provides the SDK).
const RESOLVE_FROM_NODE_PATH = [
  "import { existsSync } from 'node:fs';",
  "import { delimiter, join } from 'node:path';",
  "import { pathToFileURL } from 'node:url';",
  "const dirs = (process.env.NODE_PATH || '').split(delimiter).filter(Boolean);",
  "const packageOf = (s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/');",
  'export async function resolve(specifier, context, next) {',
  '  try {',
  '    return await next(specifier, context);',
  '  } catch (error) {',
  "    if (!error || error.code !== 'ERR_MODULE_NOT_FOUND' || /^(\\.|\\/|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(specifier)) throw error;",
  '    for (const dir of dirs) {',
  '      if (existsSync(join(dir, packageOf(specifier)))) {',
  "        return next(specifier, { ...context, parentURL: pathToFileURL(join(dir, 'resolve-from-here.js')).href });",
  '      }',
  '    }',
  '    throw error;',
  '  }',
  '}',
].join('\n');
const nodeModule = require('node:module');
if (process.env.NODE_PATH && typeof nodeModule.register === 'function') {
  nodeModule.register('data:text/javascript,' + encodeURIComponent(RESOLVE_FROM_NODE_PATH));
}

const FRAME = '\u001e';
const taskRoot = process.env.LAMBDA_TASK_ROOT;
const handlerString = process.env._HANDLER || '';
let currentRequestId;
let current;

function writeAll(text) {
  const buffer = Buffer.from(text);
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(1, buffer, offset);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
    }
  }
}

function send(frame) {
  writeAll(FRAME + JSON.stringify(frame) + '\n');
}

// AWS's Node runtime formats console output as "<ISO time>\t<request id>\t<LEVEL>\t<message>".
function emit(level, message) {
  const now = new Date();
  send({ k: 'log', t: now.getTime(), line: now.toISOString() + '\t' + currentRequestId + '\t' + level + '\t' + message });
}
const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
for (const method of Object.keys(LEVELS)) {
  console[method] = function (...args) {
    let message = util.format(...args);
    if (method === 'trace') message = 'Trace: ' + message + '\n' + new Error().stack.split('\n').slice(2).join('\n');
    emit(LEVELS[method], message);
  };
}

// The local cloud stands in for AWS's DNS and load balancers: a request to an emulated load
// balancer's name (*.elb.amazonaws.com) goes to the local cloud's load-balancer router instead of
// the network. Only fetch is routed (the Node runtimes' HTTP client of choice).
if (process.env.AWS_ENDPOINT_URL && typeof globalThis.fetch === 'function') {
  const realFetch = globalThis.fetch;
  const endpoint = process.env.AWS_ENDPOINT_URL.replace(/\/$/, '');
  globalThis.fetch = function (input, init) {
    try {
      const target = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url);
      if (target.hostname.endsWith('.elb.amazonaws.com')) {
        const port = target.port || (target.protocol === 'https:' ? '443' : '80');
        const routed = endpoint + '/__stp/elb/' + target.hostname + '/' + port + target.pathname + target.search;
        return realFetch(typeof input === 'string' || input instanceof URL ? routed : new Request(routed, input), init);
      }
    } catch (error) {
      // Not a URL we can read: let fetch report it.
    }
    return realFetch(input, init);
  };
}

function formatError(error) {
  if (error instanceof Error || (error !== null && typeof error === 'object' && typeof error.message === 'string')) {
    return {
      errorType: error.name || (error.constructor && error.constructor.name) || 'Error',
      errorMessage: String(error.message),
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

// The runtime logs a failure as "Invoke Error \t{...}" with the stack as an array, like AWS.
function logFailure(label, formatted) {
  console.error(label, '\t' + JSON.stringify({ errorType: formatted.errorType, errorMessage: formatted.errorMessage, stack: formatted.trace }));
}

function runtimeError(type, message) {
  const error = new Error(message);
  error.name = type;
  return error;
}

function packageType(dir) {
  let cursor = dir;
  for (;;) {
    const candidate = path.join(cursor, 'package.json');
    if (fs.existsSync(candidate)) {
      try {
        return JSON.parse(fs.readFileSync(candidate, 'utf8')).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    const parent = path.dirname(cursor);
    if (parent === cursor) return 'commonjs';
    cursor = parent;
  }
}

async function loadModule(basePath, moduleName) {
  for (const extension of ['.js', '.mjs', '.cjs']) {
    const file = basePath + extension;
    if (!fs.existsSync(file)) continue;
    const esm = extension === '.mjs' || (extension === '.js' && packageType(path.dirname(file)) === 'module');
    try {
      return esm ? await import(url.pathToFileURL(file).href) : require(file);
    } catch (error) {
      if (error instanceof SyntaxError) {
        throw runtimeError('Runtime.UserCodeSyntaxError', String(error));
      }
      if (error && error.code === 'MODULE_NOT_FOUND' || error && error.code === 'ERR_MODULE_NOT_FOUND') {
        throw runtimeError('Runtime.ImportModuleError', String(error));
      }
      throw error;
    }
  }
  throw runtimeError('Runtime.ImportModuleError', "Error: Cannot find module '" + moduleName + "'");
}

async function loadHandler() {
  const slash = handlerString.lastIndexOf('/');
  const dir = slash >= 0 ? handlerString.slice(0, slash + 1) : '';
  const base = handlerString.slice(slash + 1);
  const dot = base.indexOf('.');
  if (dot <= 0 || dot === base.length - 1) {
    throw runtimeError('Runtime.MalformedHandlerName', "Bad handler '" + handlerString + "'");
  }
  const moduleName = dir + base.slice(0, dot);
  const mod = await loadModule(path.resolve(taskRoot, moduleName), moduleName);
  let handler = mod;
  for (const key of base.slice(dot + 1).split('.')) handler = handler == null ? undefined : handler[key];
  if (typeof handler !== 'function') {
    throw runtimeError('Runtime.HandlerNotFound', handlerString + ' is undefined or not exported');
  }
  return handler;
}

function makeContext(invocation, finish) {
  const env = process.env;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: invocation.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: invocation.id,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: undefined,
    clientContext: invocation.clientContext,
    // Emulated milliseconds: the wall-clock window maps linearly onto the configured timeout.
    getRemainingTimeInMillis() {
      const wallLeft = Math.max(0, invocation.deadline - Date.now());
      return Math.round((wallLeft / invocation.wallTimeoutMs) * invocation.timeoutMs);
    },
    done(error, result) {
      finish(error, result);
    },
    succeed(result) {
      finish(null, result);
    },
    fail(error) {
      finish(error == null ? new Error('handled') : error);
    },
  };
}

function serialize(result) {
  const text = JSON.stringify(result);
  return text === undefined ? 'null' : text;
}

let handler;

async function invoke(invocation) {
  currentRequestId = invocation.id;
  let settled = false;
  current = invocation;
  const finish = (error, result) => {
    if (settled) return;
    settled = true;
    const rss = process.memoryUsage.rss();
    if (error !== null && error !== undefined) {
      const formatted = formatError(error);
      logFailure('Invoke Error', formatted);
      send({ k: 'error', id: invocation.id, error: formatted, rss });
    } else {
      let payload;
      try {
        payload = serialize(result);
      } catch (serializationError) {
        const formatted = formatError(serializationError);
        logFailure('Invoke Error', formatted);
        send({ k: 'error', id: invocation.id, error: formatted, rss });
        return;
      }
      send({ k: 'result', id: invocation.id, payload, rss });
    }
    current = undefined;
  };
  const context = makeContext(invocation, finish);
  try {
    const returned = handler(invocation.event, context, (error, result) => finish(error, result));
    if (returned && typeof returned.then === 'function') {
      returned.then(
        (result) => finish(null, result),
        (error) => finish(error === null || error === undefined ? new Error(String(error)) : error),
      );
    } else if (handler.length < 3) {
      // A synchronous handler without a callback: AWS answers null once the event loop drains;
      // this warm process never drains, so answer after pending microtasks and immediates.
      setImmediate(() => finish(null, null));
    }
  } catch (error) {
    finish(error === null || error === undefined ? new Error(String(error)) : error);
  }
}

function fatal(label, formatted, exitCode) {
  logFailure(label, formatted);
  if (current) {
    send({ k: 'error', id: current.id, error: formatted, rss: process.memoryUsage.rss(), fatal: true });
  } else {
    send({ k: 'init-error', error: formatted });
  }
  process.exit(exitCode);
}

process.on('uncaughtException', (error) => fatal('Uncaught Exception', formatError(error), 129));
process.on('unhandledRejection', (reason) => {
  const formatted = formatError(reason);
  fatal('Unhandled Promise Rejection', {
    errorType: 'Runtime.UnhandledPromiseRejection',
    errorMessage: reason instanceof Error ? reason.name + ': ' + reason.message : String(reason),
    trace: formatted.trace,
  }, 128);
});

(async () => {
  try {
    handler = await loadHandler();
  } catch (error) {
    const formatted = formatError(error);
    logFailure('Init Error', formatted);
    send({ k: 'init-error', error: formatted });
    process.exit(1);
  }
  send({ k: 'ready', rss: process.memoryUsage.rss() });
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    invoke(JSON.parse(line));
  });
  // The parent closing stdin (shutdown, environment recycled) ends the environment.
  lines.on('close', () => process.exit(0));
})();
`;
