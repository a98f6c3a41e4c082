/** Loads each route's handler module once, from the entry the route table names. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Route } from '../functions/routes';

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const root = resolve(import.meta.dirname, '..');
const loaded = new Map<string, Promise<LambdaHandler>>();

export function loadHandler(route: Route): Promise<LambdaHandler> {
  let handler = loaded.get(route.entry);
  if (!handler) {
    handler = import(pathToFileURL(resolve(root, route.entry)).href).then((module: { handler?: LambdaHandler }) => {
      if (typeof module.handler !== 'function') throw new Error(`${route.entry} does not export a handler`);
      return module.handler;
    });
    loaded.set(route.entry, handler);
  }
  return handler;
}
