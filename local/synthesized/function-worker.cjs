/**
 * One synthesized function in a worker thread, as the Lambda runtime runs it: its bundle loaded
 * with the environment the template gives it (the worker's own process.env), modules resolved only
 * from the bundle, Node's built-ins and the AWS SDK v3 the nodejs22.x runtime ships. Plain
 * JavaScript on purpose: no TypeScript loader runs here, only the bundle.
 */
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Module = require('node:module');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { readFileSync } = require('node:fs');

const { handlerFile, handlerExport, functionName, memorySize, timeoutSeconds } = workerData;
const runtimeModules = path.resolve(__dirname, '../..');
const bundleDir = path.dirname(handlerFile) + path.sep;

// What the nodejs22.x runtime provides beyond the bundle: Node's built-ins and the AWS SDK v3.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const bare = !request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:');
  // Only the bundle's own requires are checked: the runtime's SDK resolves its dependencies itself.
  const fromBundle = parent?.filename?.startsWith(bundleDir) ?? false;
  if (bare && fromBundle && !Module.isBuiltin(request) && !request.startsWith('@aws-sdk/')) {
    const error = new Error(
      `Cannot find module '${request}': it is not in the bundle, and the Lambda runtime (nodejs22.x) does not provide it`,
    );
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  try {
    return resolveFilename.call(this, request, parent, ...rest);
  } catch (error) {
    // The runtime's own SDK (Lambda: /var/runtime/node_modules on NODE_PATH); here, the repository's.
    if (bare && request.startsWith('@aws-sdk/')) return require.resolve(request, { paths: [runtimeModules] });
    throw error;
  }
};

/**
 * The bundle as Lambda loads it from its task root: a CommonJS file with no package.json above it.
 * Here cdk.out sits inside the repository, whose package.json says "type": "module", so a plain
 * require() would read the bundle as an ES module; it is compiled as CommonJS instead.
 */
function loadBundle(file) {
  const bundle = new Module(file, module);
  bundle.filename = file;
  bundle.paths = Module._nodeModulePaths(path.dirname(file));
  bundle._compile(readFileSync(file, 'utf8'), file);
  return bundle.exports;
}

let handler;
let initError;
try {
  const loaded = loadBundle(handlerFile)[handlerExport];
  if (typeof loaded !== 'function') throw new Error(`${handlerFile} does not export a function named ${handlerExport}`);
  handler = loaded;
} catch (error) {
  initError = error;
}

const describe = (error) => ({ name: error?.name ?? 'Error', message: String(error?.message ?? error), stack: error?.stack });

function contextFor(requestId) {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const unsupported = () => {
    throw new Error('context.done/succeed/fail are not supported; return a value instead');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memorySize),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

parentPort.on('message', async ({ id, event }) => {
  if (initError) return parentPort.postMessage({ id, error: { ...describe(initError), phase: 'init' } });
  try {
    const result = await handler(event, contextFor(randomUUID()));
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: describe(error) });
  }
});
