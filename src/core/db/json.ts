/**
 * The one codec for JSON text columns. SQLite and PostgreSQL rows keep structured values as JSON
 * text (schema.ts says which); every reader decodes through a codec, which parses AND checks the
 * value, so a row that does not have the shape its type claims fails loudly, naming the table and
 * column, instead of travelling on as a wrong type.
 *
 * A codec checks either with a TypeBox schema (compiled once) or with the feature's own validator
 * (e.g. the catalogue's `parseProcedure`, the same one its imports go through), so a stored value
 * is held to the rule that let it in.
 */
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

/** A stored value that is not what its column promises: a fault of the data, never of the user. */
export class CorruptRowError extends Error {
  readonly column: string;
  constructor(column: string, detail: string) {
    super(`corrupt JSON in ${column}: ${detail}`);
    this.name = 'CorruptRowError';
    this.column = column;
  }
}

export interface JsonCodec<T> {
  /** "table.column", for the error. */
  readonly column: string;
  /** JSON text of a value (the writer's side). */
  encode(value: T): string;
  /** The value of a stored text, checked; throws CorruptRowError. */
  decode(text: string): T;
  /** `decode`, with null kept (nullable columns). */
  decodeNullable(text: string | null): T | null;
}

function parseText(column: string, text: string): unknown {
  if (typeof text !== 'string') throw new CorruptRowError(column, `expected JSON text, got ${typeof text}`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CorruptRowError(column, e instanceof Error ? e.message : 'unparsable');
  }
}

/**
 * A codec whose check is a validator of the feature's own (it returns the value or throws);
 * `write` replaces JSON.stringify when the feature stores a canonical form.
 */
export function jsonCodec<T>(
  column: string,
  check: (value: unknown) => T,
  write: (value: T) => string = (value) => JSON.stringify(value),
): JsonCodec<T> {
  const decode = (text: string): T => {
    const value = parseText(column, text);
    try {
      return check(value);
    } catch (e) {
      if (e instanceof CorruptRowError) throw e;
      throw new CorruptRowError(column, e instanceof Error ? e.message : 'rejected by its validator');
    }
  };
  return {
    column,
    encode: write,
    decode,
    decodeNullable: (text) => (text === null ? null : decode(text)),
  };
}

/** A codec checked by a TypeBox schema (compiled once per codec). */
export function schemaCodec<S extends TSchema>(column: string, schema: S): JsonCodec<Static<S>> {
  const validator = Compile(schema);
  return jsonCodec(column, (value) => {
    if (validator.Check(value)) return value;
    const first = validator.Errors(value)[0];
    throw new CorruptRowError(
      column,
      first ? `${first.instancePath || '(root)'} ${first.message}` : 'does not match its schema',
    );
  });
}
