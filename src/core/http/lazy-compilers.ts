/**
 * Route validators (Ajv) and response serializers (fast-json-stringify) compiled on a route's
 * first use instead of at start-up. Fastify's default compiles every schema of every route when
 * the server starts: generated code for ~300 routes that a commune uses a handful of. Compiling
 * lazily keeps that code out of the idle server's memory (decision 001) and behaves the same
 * otherwise: the same compilers with the same options, each schema compiled once.
 */
import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type Fn = ((data: unknown) => unknown) & { errors?: unknown };
type Factory = (...args: never[]) => (routeSchema: never) => Fn;

function lazy<F extends Factory>(factory: F): F {
  return ((...args: Parameters<F>) => {
    const compile = factory(...args);
    return (routeSchema: never) => {
      let fn: Fn | undefined;
      const run: Fn = (data: unknown) => {
        fn ??= compile(routeSchema);
        const out = fn(data);
        run.errors = fn.errors;
        return out;
      };
      return run;
    };
  }) as F;
}

export function lazyCompilers() {
  return {
    buildValidator: lazy(AjvCompiler() as unknown as Factory),
    buildSerializer: lazy(SerializerSelector() as unknown as Factory),
  };
}
