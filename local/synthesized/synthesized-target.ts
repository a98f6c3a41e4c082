/**
 * `npm start -- --synthesized`: the HTTP API served from the synthesized template, as
 * `sam local start-api` would serve it: its routes, each invoking its function's bundle in a
 * worker of its own with the environment the template gives it.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RequestTarget } from '../http-server';
import { functionEnvironment, type LocalStandIns } from './environment';
import { FunctionWorkers } from './function-workers';
import { readSynthesizedStack, type SynthesizedStack } from './template';

export interface SynthesizedRoute {
  /** The function's construct id (the route id in PascalCase): its name in events and logs. */
  id: string;
  method: string;
  path: string;
  functionLogicalId: string;
}

export interface SynthesizedTarget extends RequestTarget<SynthesizedRoute> {
  stack: SynthesizedStack;
  workers: FunctionWorkers;
  stop(): Promise<void>;
}

export function synthesizedTarget(cdkOut: string, stackName: string, standIns: () => LocalStandIns): SynthesizedTarget {
  const stack = readSynthesizedStack(cdkOut, stackName);
  const workers = new FunctionWorkers(stack.functions, (fn) => functionEnvironment(stack, fn, standIns()));
  const routes = stack.routes.map((route) => ({ ...route, id: stack.functions.get(route.functionLogicalId)!.constructId }));
  return {
    stack,
    workers,
    routes,
    invoke: async (route, event) => (await workers.invoke(route.functionLogicalId, event)) as APIGatewayProxyStructuredResultV2,
    stop: () => workers.stop(),
  };
}
